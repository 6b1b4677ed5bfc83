export interface Multinode {
  url: string;
  databaseUrl: string;
  servers: string[];
  secret: string;
  stop(): Promise<void>;
}
export declare function nginxConfig(options: { dir: string; port: number; upstreams: number[] }): string;
export declare function startMultinode(options?: {
  servers?: number;
  port?: number;
  databaseUrl?: string;
  processesPerServer?: number;
  quiet?: boolean;
  skipBuild?: boolean;
}): Promise<Multinode>;
