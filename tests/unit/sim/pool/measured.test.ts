/**
 * The measured cost model (lib/sim/pool/measured.ts): the figures it reads from a calibration,
 * and the rules it models — the GIL serialises a thread pool's CPU parts but not its waits, a
 * process pool pays its start, messages and shutdown, and computes on at most `cores` cores.
 */
import { describe, expect, it } from 'vitest';
import { CALIBRATION, loopMs, poolShutdownMs, poolStartMs, processPoolMs, roundTripMs, threadPoolMs, type Calibration } from '@/lib/sim/pool';

const C: Calibration = {
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

  it('ships a calibration measured with CPython 3 on a named machine', () => {
    expect(CALIBRATION.python).toMatch(/^3\./);
    expect(CALIBRATION.machine.cores).toBeGreaterThan(0);
    expect(poolStartMs(CALIBRATION, 2)).toBeGreaterThan(0);
  });
});
