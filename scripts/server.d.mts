export interface ServerOptions {
  hostname: string;
  port: number;
  keepAliveTimeout: number | undefined;
}
export declare function serverOptions(argv: readonly string[], env?: Readonly<Record<string, string | undefined>>): ServerOptions;
export declare const METHODS: ReadonlySet<string>;
export declare function refuseMethod(res: import('node:http').ServerResponse): void;
export declare function canonicalAuthUrl(value: string | undefined): string | undefined;
export declare const ANSWER_PATH: string;
export declare function answerHandlerFor(
  req: { method?: string; url?: string },
  handlers?: { lockstepAnswerHandler?: unknown },
  env?: Readonly<Record<string, string | undefined>>,
): ((req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<void>) | null;
