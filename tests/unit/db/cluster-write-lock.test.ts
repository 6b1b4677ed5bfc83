// `npm start`'s server processes over one SQLite file take turns to write through the cluster's
// primary (lib/db/cluster-write-lock.mjs). Without it, a process whose write met another
// process's open transaction stopped whole inside SQLite's busy handler (better-sqlite3 sleeps
// on the process's one thread) until that transaction ended: its pages and timers waited too.
import { execFile } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { arbitrateWriteLock } from '@/lib/db/cluster-write-lock.mjs';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-write-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Outcome {
  events: string[];
  report: { timerRan: boolean; rows: string[] } | null;
  arbiter: { held: boolean; waiting: number; granted: number } | null;
}

async function cluster(mode: 'arbiter' | 'none'): Promise<Outcome> {
  const file = path.join(dir, `${mode}.db`);
  const { stdout } = await run(process.execPath, [path.join(__dirname, 'fixtures', 'write-lock-cluster.mjs'), file, mode], { timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) as string) as Outcome;
}

describe('the cluster write lock', () => {
  it('a process waiting to write keeps running (a timer fires) and writes once the other process has committed', async () => {
    const outcome = await cluster('arbiter');
    expect(outcome.report?.timerRan).toBe(true);
    expect(outcome.events.slice(2)).toEqual(['a-holding', 'a-committed', 'b-wrote']);
    expect(outcome.report?.rows).toEqual(['a', 'b']);
    // Both writers were granted the lock, and nobody holds it or waits for it now.
    expect(outcome.arbiter).toMatchObject({ held: false, waiting: 0 });
    expect(outcome.arbiter?.granted).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('without the arbiter the same write stops its whole process until the other commits (what the lock is for)', async () => {
    const outcome = await cluster('none');
    expect(outcome.report?.rows).toEqual(['a', 'b']);
    expect(outcome.report?.timerRan).toBe(false);
  }, 90_000);
});

describe('the arbiter in the primary', () => {
  // Server processes as the arbiter sees them: they send it messages and receive grants.
  class Process {
    readonly grants: string[] = [];
    connected = true;
    constructor(readonly name: string) {}
    isConnected() {
      return this.connected;
    }
    send(message: { lockstepWriteLock: string; id: string }) {
      this.grants.push(message.id);
    }
  }
  const setUp = () => {
    const primary = new EventEmitter();
    const arbiter = arbitrateWriteLock(primary);
    const ask = (p: Process, id: string) => primary.emit('message', p, { lockstepWriteLock: 'acquire', id });
    const release = (p: Process, id: string) => primary.emit('message', p, { lockstepWriteLock: 'release', id });
    return { primary, arbiter, ask, release };
  };

  it('grants one writer at a time, in the order they asked, across processes', () => {
    const { arbiter, ask, release } = setUp();
    const [a, b] = [new Process('a'), new Process('b')];
    ask(a, 'a1');
    ask(b, 'b1');
    ask(a, 'a2');
    expect([a.grants, b.grants]).toEqual([['a1'], []]);
    expect(arbiter.state()).toMatchObject({ held: true, waiting: 2 });
    release(a, 'a1');
    expect(b.grants).toEqual(['b1']);
    release(a, 'a2'); // a2 gives up while b1 holds: it leaves the queue
    release(b, 'b1');
    expect(a.grants).toEqual(['a1']);
    expect(arbiter.state()).toMatchObject({ held: false, waiting: 0, granted: 2 });
  });

  it('a process that dies holding the lock or waiting for it frees its place; a gone process is never granted', () => {
    const { primary, arbiter, ask } = setUp();
    const [a, b, c] = [new Process('a'), new Process('b'), new Process('c')];
    ask(a, 'a1');
    ask(b, 'b1');
    ask(c, 'c1');
    b.connected = false;
    primary.emit('exit', a);
    expect(b.grants).toEqual([]);
    expect(c.grants).toEqual(['c1']);
    expect(arbiter.state()).toMatchObject({ held: true, waiting: 0 });
  });

  it('ignores messages that are not its own and releases by others than the holder', () => {
    const { primary, arbiter, ask, release } = setUp();
    const [a, b] = [new Process('a'), new Process('b')];
    primary.emit('message', a, { event: 'something else' });
    primary.emit('message', a, null);
    ask(a, 'a1');
    release(b, 'a1');
    expect(arbiter.state()).toMatchObject({ held: true, waiting: 0 });
  });
});
