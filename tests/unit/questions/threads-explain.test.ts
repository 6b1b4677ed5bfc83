/**
 * The thread explanations: the simulator's structured outcomes become words in both
 * languages in one place, and a run becomes a timeline of cells, lock holders and events.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type Outcome, type ProgramSpec } from '@/lib/sim/threads';
import { buildTimeline, outcomeText, threadLabel } from '@/lib/questions/threads/explain';

/** Two threads taking two locks in opposite orders: T2 blocks on lock_a, T1 on lock_b. */
const DEADLOCK: ProgramSpec = {
  locks: [
    { id: 'lock_a', kind: 'Lock' },
    { id: 'lock_b', kind: 'Lock' },
  ],
  events: [],
  threads: [
    { id: 'T1', daemon: true, body: [{ kind: 'with', lock: 'lock_a', body: [{ kind: 'sleep', ticks: 1 }, { kind: 'with', lock: 'lock_b', body: [] }] }] },
    { id: 'T2', daemon: true, body: [{ kind: 'with', lock: 'lock_b', body: [{ kind: 'sleep', ticks: 1 }, { kind: 'with', lock: 'lock_a', body: [] }] }] },
  ],
  main: [
    { kind: 'start', thread: 'T1' },
    { kind: 'start', thread: 'T2' },
    { kind: 'sleep', ticks: 3 },
    { kind: 'is-alive', thread: 'T1', print: 'T1 alive:' },
  ],
};

describe('thread explanations', () => {
  it('words every outcome the timeline shows in English and Korean', () => {
    const cases: [Outcome, string, string][] = [
      [{ kind: 'acquired' }, 'acquired', '획득'],
      [{ kind: 'released' }, 'released', '해제'],
      [{ kind: 'blocked', lock: 'L1' }, 'blocked on L1', 'L1 대기(블록)'],
      [{ kind: 'waiting', event: 'ev' }, 'waits on ev', 'ev 대기'],
      [{ kind: 'joining', thread: 'T2' }, 'waits for T2', 'T2 종료 대기'],
      [{ kind: 'joined', thread: 'T2' }, 'T2 finished: returned None', 'T2 종료: None 반환'],
      [{ kind: 'returned', value: false }, 'returned False', 'False 반환'],
      [{ kind: 'timed-out', value: null }, 'timed out: returned None', '타임아웃: None 반환'],
      [{ kind: 'raised', error: 'RuntimeError' }, 'raised RuntimeError', 'RuntimeError 발생'],
      [{ kind: 'started', thread: 'T1' }, 'started T1', 'T1 시작'],
      [{ kind: 'flag', value: true }, 'set the flag', '플래그 True'],
      [{ kind: 'flag', value: false }, 'cleared the flag', '플래그 False'],
      [{ kind: 'shutdown-wait' }, 'waits for non-daemon threads', '종료 전 non-daemon 스레드 대기'],
    ];
    for (const [outcome, en, ko] of cases) expect(outcomeText(outcome)).toEqual({ en, ko });
    expect(outcomeText({ kind: 'woke' })).toBeNull();
  });

  it('draws a run: one row per thread, each tick a cell, the holder of every lock, the statements as events', () => {
    const run = simulate(DEADLOCK);
    const view = buildTimeline(run);
    expect(view.rows.map((r) => r.label)).toEqual(['MainThread', 'T1 (daemon)', 'T2 (daemon)']);
    expect(view.ticks).toBe(run.final.snapshots.length);
    for (const row of view.rows) expect(row.cells).toHaveLength(view.ticks);
    // From t = 1 each thread holds its first lock and waits for the other's.
    const [, t1, t2] = view.rows;
    expect(t1?.cells[1]).toEqual({ state: 'blocked', detail: 'lock_b', holds: ['lock_a'] });
    expect(t2?.cells[1]).toEqual({ state: 'blocked', detail: 'lock_a', holds: ['lock_b'] });
    expect(view.locks).toEqual([
      { id: 'lock_a', holders: ['T1', 'T1', 'T1', 'T1'] },
      { id: 'lock_b', holders: ['T2', 'T2', 'T2', 'T2'] },
    ]);
    const texts = view.events.map((e) => `${e.tick} ${e.thread} ${e.text.en} / ${e.text.ko}`);
    expect(texts).toContain('1 T1 with lock_b:: blocked on lock_b / with lock_b:: lock_b 대기(블록)');
    expect(texts).toContain('3 main t1.is_alive(): returned True / t1.is_alive(): True 반환');
    expect(texts.at(-1)).toBe('3 main interpreter exits; daemon threads stopped: T1, T2 / 인터프리터 종료, daemon 스레드 강제 중단: T1, T2');
  });

  it('labels the main thread as CPython names it and marks daemon threads', () => {
    expect(threadLabel('main', false)).toBe('MainThread');
    expect(threadLabel('T3', true)).toBe('T3 (daemon)');
    expect(threadLabel('T3', false)).toBe('T3');
  });
});
