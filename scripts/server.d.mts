export interface ServerOptions {
  hostname: string;
  port: number;
  keepAliveTimeout: number | undefined;
}
export declare function serverOptions(argv: readonly string[], env?: Readonly<Record<string, string | undefined>>): ServerOptions;
export declare const METHODS: ReadonlySet<string>;
export declare function refuseMethod(res: import('node:http').ServerResponse): void;
export declare function canonicalAuthUrl(value: string | undefined): string | undefined;
