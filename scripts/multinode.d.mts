export interface MultinodeOptions {
  servers?: number;
  port?: number;
  databaseUrl?: string;
  processesPerServer?: number;
  quiet?: boolean;
  skipBuild?: boolean;
  trustLoopback?: boolean;
}
export interface Multinode {
  url: string;
  databaseUrl: string;
  servers: string[];
  /** The app servers' processes (each the primary of its cluster), not nginx. */
  pids: number[];
  secret: string;
  stop(): Promise<void>;
}
export declare function startMultinode(options?: MultinodeOptions): Promise<Multinode>;
export declare function nginxConfig(options: { dir: string; port: number; upstreams: readonly number[]; trustLoopback?: boolean }): string;
