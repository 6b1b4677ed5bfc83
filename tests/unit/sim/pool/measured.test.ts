/**
 * The measured cost model (lib/sim/pool/measured.ts): the figures it reads from a calibration,
 * and the rules it models — the GIL serialises a thread pool's CPU parts but not its waits, a
 * process pool pays its start, messages and shutdown, and computes on at most `cores` cores.
 */
import { describe, expect, it } from 'vitest';
import { CALIBRATION, STREAMED_CALIBRATION, calibrationOf, loopMs, poolShutdownMs, poolStartMs, processPoolMs, roundTripMs, streamMessageMs, threadPoolMs, type Calibration } from '@/lib/sim/pool';
import { poolPlansOf } from '@/lib/questions/pool/executors';
import { freeMessages, type MeasuredScenario } from '@/lib/questions/pool/measured';
import realRuns from './real-runs.json';

const C: Calibration = {
  model: 'echo',
  machine: { os: 'Linux', cpu: 'test', cores: 2, arch: 'x86_64', load_average_at_start: [0, 0, 0] },
  python: '3.11.7',
  pool_start_ms: { '1': 5, '2': 8, '4': 12 },
  pool_shutdown_ms: { '1': 1, '2': 2, '4': 4 },
  task_round_trip_ms: { '16': 0.1, '1024': 0.1, '65536': 0.3, '1048576': 6 },
  map_message_ms: 0.03,
  pickle: { bytes: { mb_per_s: 1000 } },
  thread_pool_task_ms: 0.02,
  thread_switch_ms: 0.01,
};

describe('measured cost model', () => {
  it('interpolates the calibration tables (workers linearly, message sizes in log size) and extends big messages by pickling throughput', () => {
    expect(poolStartMs(C, 3)).toBeCloseTo(10);
    expect(poolShutdownMs(C, 1)).toBe(1);
    expect(roundTripMs(C, 1024)).toBeCloseTo(0.1);
    expect(roundTripMs(C, 8192)).toBeCloseTo(0.1 + (0.2 * Math.log(8)) / Math.log(64));
    // 1 MB more than the largest measured message: 1 ms more at 1000 MB/s
    expect(roundTripMs(C, 1048576 + 1_000_000)).toBeCloseTo(7);
  });

  it('the thread pool overlaps waits but not CPU work (the GIL)', () => {
    const cpu = { items: 8, cpuMs: 10, ioMs: 0 };
    const io = { items: 8, cpuMs: 0, ioMs: 10 };
    expect(threadPoolMs(C, cpu, 4)).toBeCloseTo(loopMs(cpu) + 8 * 0.02);
    expect(threadPoolMs(C, io, 4)).toBeCloseTo(20 + 8 * 0.02);
  });

  it('the process pool computes on at most `cores` cores and pays start, messages and shutdown, each × scale', () => {
    const w = { items: 4, cpuMs: 100, ioMs: 0 };
    const tasks = Array.from({ length: 4 }, () => ({ wire: 60, count: 1 }));
    const two = processPoolMs(C, w, 2, tasks);
    // two workers, two items each: 200 ms of work after an 8 ms start, plus messages and a 2 ms shutdown
    expect(two).toBeGreaterThan(210);
    expect(two).toBeLessThan(212);
    // four workers on two cores: the CPU parts stretch by 2, so no faster than two workers
    expect(processPoolMs(C, w, 4, tasks)).toBeGreaterThan(two);
    // × 3: start and shutdown (+2 × 10 ms) and each worker's two round trips (+2 × 2 × 0.1 ms); the
    // parent's sends end before the workers are up, so they add nothing
    expect(processPoolMs(C, w, 2, tasks, 3) - two).toBeCloseTo(2 * (8 + 2) + 2 * 2 * 0.1, 6);
  });

  it('ships calibrations measured with CPython 3 on a named machine', () => {
    for (const c of [CALIBRATION, STREAMED_CALIBRATION]) {
      expect(c.python).toMatch(/^3\./);
      expect(c.machine.cores).toBeGreaterThan(0);
      expect(poolStartMs(c, 2)).toBeGreaterThan(0);
    }
    expect(CALIBRATION.model).toBe('echo');
    expect(STREAMED_CALIBRATION.model).toBe('streamed');
    expect(streamMessageMs(STREAMED_CALIBRATION, 4194304)).toBeGreaterThan(streamMessageMs(STREAMED_CALIBRATION, 65536));
  });
});

describe('the model a calibration names', () => {
  it('is the one processPoolMs runs, and a file naming no model, another one, or streamed without its message costs is refused', () => {
    const messages = { '16': 0.02, '65536': 0.2 };
    expect(calibrationOf({ ...C, model: 'streamed', stream_message_ms: messages })).toMatchObject({ model: 'streamed', stream_message_ms: messages });
    // Message costs in an echo calibration are not read: the echo model prices its messages otherwise.
    const tasks = [{ wire: 65536, count: 1 }];
    const w = { items: 1, cpuMs: 0, ioMs: 0 };
    expect(processPoolMs(calibrationOf({ ...C, model: 'echo', stream_message_ms: messages }), w, 1, tasks)).toBe(processPoolMs(C, w, 1, tasks));
    expect(() => calibrationOf({ ...C, model: 'streamed' })).toThrow(/needs stream_message_ms/);
    expect(() => calibrationOf({ ...C, model: '' })).toThrow(/not one this app has/);
    expect(() => calibrationOf({ ...C, model: 'Streamed', stream_message_ms: messages })).toThrow(/not one this app has/);
  });
});

describe('streamed model (a calibration with stream_message_ms)', () => {
  const S: Calibration = { ...C, model: 'streamed', stream_message_ms: { '16': 0.02, '65536': 0.2, '1048576': 2, '4194304': 8 } };

  it('interpolates message costs linearly in size, flat below the smallest, along the last segment above', () => {
    expect(streamMessageMs(S, 1)).toBeCloseTo(0.02);
    expect(streamMessageMs(S, 2 * 1048576)).toBeCloseTo(4);
    expect(streamMessageMs(S, 8 * 1048576)).toBeCloseTo(16);
    expect(() => streamMessageMs(C, 100)).toThrow(/no streamed/);
  });

  it('big messages go through the one task pipe one after another, however many workers wait', () => {
    const none = { items: 4, cpuMs: 0, ioMs: 0 };
    const big = Array.from({ length: 4 }, () => ({ wire: 4194304, count: 1 }));
    // start 12, four messages of 8 ms one after another, the last answer 0.1 ms, shutdown 4
    expect(processPoolMs(S, none, 4, big)).toBeCloseTo(12 + 4 * 8 + 0.1 + 4);
    // the echo model charged pickling at memory speed and let the workers' round trips overlap
    expect(processPoolMs(C, none, 4, big)).toBeLessThan(12 + 4 * 8 - 10);
  });

  it('work overlaps the next messages: a worker busy computing while the next message streams to another', () => {
    const w = { items: 2, cpuMs: 10, ioMs: 0 };
    const tasks = [{ wire: 1048576, count: 1 }, { wire: 1048576, count: 1 }];
    // worker 1 starts at 8 + 2, worker 2 at 8 + 4; both compute 10 ms on their own core
    expect(processPoolMs(S, w, 2, tasks)).toBeCloseTo(8 + 4 + 10 + 0.1 + 2);
    expect(processPoolMs(S, w, 2, tasks, 2)).toBeCloseTo(2 * 8 + 2 * 4 + 10 + 0.2 + 2 * 2);
  });

  it('"messages are free" takes the streamed costs away too', () => {
    const free = freeMessages(S);
    const tasks = [{ wire: 4194304, count: 1 }];
    expect(processPoolMs(free, { items: 1, cpuMs: 0, ioMs: 0 }, 1, tasks)).toBeCloseTo(5 + 1);
  });

  it('the shipped streamed calibration predicts real whole runs within 0.75–1.6× (the echo model missed big items by up to 3×)', () => {
    // real-runs.json: Pool(P).map(noop, items bytes objects) + close + join, medians, recorded by
    // scripts/calibrate-pool.py --runs right after the calibration, on the same machine
    expect(realRuns.machine.cpu).toBe(STREAMED_CALIBRATION.machine.cpu);
    const echo: Calibration = { ...STREAMED_CALIBRATION, model: 'echo' };
    const ratios = realRuns.runs.map((r) => {
      const s: MeasuredScenario = { tier: 3, items: r.items, cpuMs: 0, ioMs: 0, workers: r.processes, options: ['serial', 'pool-map'], ...(r.bytes ? { argBytes: r.bytes } : {}) };
      const plan = poolPlansOf(s)['pool-map'];
      if (!plan) throw new Error('no pool-map plan');
      const w = { items: r.items, cpuMs: 0, ioMs: 0 };
      return { run: r, streamed: r.ms / processPoolMs(STREAMED_CALIBRATION, w, r.processes, plan.tasks), echo: r.ms / processPoolMs(echo, w, r.processes, plan.tasks) };
    });
    expect(ratios.length).toBe(84);
    for (const { run, streamed } of ratios) {
      expect(streamed, JSON.stringify(run)).toBeGreaterThan(0.75);
      expect(streamed, JSON.stringify(run)).toBeLessThan(1.6);
    }
    expect(Math.max(...ratios.map((r) => r.echo))).toBeGreaterThan(2.5);
  });
});
