import type { EventEmitter } from 'node:events';

export declare const WRITE_LOCK_ENV: string;

/** A lock the whole cluster shares: `acquire()` resolves to its release. */
export interface CrossProcessLock {
  acquire(): Promise<() => void>;
}

export declare function arbitrateWriteLock(cluster: EventEmitter): { state(): { held: boolean; waiting: number; granted: number } };

export declare function clusterWriteLock(timeoutMs: number, env?: NodeJS.ProcessEnv): CrossProcessLock | null;
