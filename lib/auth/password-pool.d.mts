import type { EventEmitter } from 'node:events';

export declare const MAX_WORKERS: number;
export declare const QUEUE_PER_WORKER: number;
export declare const PASSWORD_POOL_ENV: string;

export declare class PasswordBusyError extends Error {}

export declare function poolSize(parallelism: number): number;

export type PasswordJob = { op: 'hash'; password: string; cost: number } | { op: 'compare'; password: string; hash: string };
export type Lane = 'normal' | 'priority';

/** What runs password jobs: a pool in this process, or the cluster's in the primary. */
export interface PasswordRunner {
  hasRoom(lane: Lane): boolean;
  run(job: PasswordJob, lane: Lane): Promise<string | boolean>;
}

export declare class PasswordPool implements PasswordRunner {
  constructor(size: number, maxQueued: number);
  readonly size: number;
  readonly maxQueued: number;
  /** Jobs running on a worker now. */
  readonly running: number;
  /** Jobs waiting for a worker (not counting those running). */
  readonly queued: number;
  hasRoom(lane: Lane): boolean;
  run(job: PasswordJob, lane: Lane): Promise<string | boolean>;
}

export declare function servePasswords(cluster: EventEmitter, pool: PasswordRunner): void;

export declare function clusterPasswordPool(env?: Readonly<Record<string, string | undefined>>): PasswordRunner | null;
