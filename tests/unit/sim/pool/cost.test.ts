/** The cost model's schedules: closed forms for the simple cases, invariants for all. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { messageCost, processPoolSchedule, serialTime, threadPoolMakespan, threadPoolSchedule, type CostModel, type Workload } from '@/lib/sim/pool';

const model: CostModel = { startMs: 10, threadStartMs: 1, messageMs: 1, bytesPerMs: 1000 };
const workloads = fc.record({ items: fc.integer({ min: 1, max: 30 }), cpuMs: fc.integer({ min: 0, max: 8 }), ioMs: fc.integer({ min: 0, max: 8 }) }).filter((w) => w.cpuMs + w.ioMs > 0);

describe('thread pool under the GIL', () => {
  it('pure CPU work gains nothing: start-up + n × cpu', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 6 }), (items, cpuMs, threads) => {
        return threadPoolSchedule(model, { items, cpuMs, ioMs: 0 }, threads).makespan === model.threadStartMs + items * cpuMs;
      }),
    );
  });

  it('pure waiting overlaps: rounds of P items (threads start 1 ms apart)', () => {
    expect(threadPoolSchedule(model, { items: 8, cpuMs: 0, ioMs: 10 }, 4).makespan).toBe(4 + 10 + 10);
    expect(threadPoolSchedule(model, { items: 4, cpuMs: 0, ioMs: 10 }, 4).makespan).toBe(1 + 3 + 10);
  });

  it('invariants: at most one GIL holder, the holder runs, every item gets its CPU and I/O ticks', () => {
    fc.assert(
      fc.property(workloads, fc.integer({ min: 1, max: 5 }), fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }), (w: Workload, threads, quantum) => {
        const s = threadPoolSchedule(model, w, threads, quantum ? { quantum } : {});
        const cpu = new Map<number, number>();
        const io = new Map<number, number>();
        for (let t = 0; t < s.makespan; t++) {
          const running = s.rows.filter((r) => r.ticks[t]?.kind === 'cpu');
          if (running.length > 1) return false;
          if (running.length === 1 && s.gil?.[t] !== running[0]?.id) return false;
          for (const r of s.rows) {
            const a = r.ticks[t];
            if (a?.kind === 'cpu') cpu.set(a.item, (cpu.get(a.item) ?? 0) + 1);
            if (a?.kind === 'io') io.set(a.item, (io.get(a.item) ?? 0) + 1);
          }
        }
        for (let i = 0; i < w.items; i++) if ((cpu.get(i) ?? 0) !== w.cpuMs || (io.get(i) ?? 0) !== w.ioMs) return false;
        return s.makespan >= w.items * w.cpuMs && s.makespan <= serialTime(w) + threads * model.threadStartMs;
      }),
      { numRuns: 150 },
    );
  });

  it('the makespan alone (no timeline, ticks skipped between decisions) is the timeline\'s makespan, for every quantum and request order', () => {
    fc.assert(
      fc.property(
        workloads,
        fc.integer({ min: 1, max: 5 }),
        fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
        fc.boolean(),
        fc.integer({ min: 0, max: 4 }),
        (w: Workload, threads, quantum, reversed, threadStartMs) => {
          const order = reversed ? Array.from({ length: threads }, (_, i) => threads - 1 - i) : undefined;
          const opts = { ...(quantum ? { quantum } : {}), ...(order ? { order } : {}) };
          const m = { ...model, threadStartMs };
          expect(threadPoolMakespan(m, w, threads, opts)).toBe(threadPoolSchedule(m, w, threads, opts).makespan);
        },
      ),
      { numRuns: 500 },
    );
  });
});

/** Task messages of a plan (wire bytes, items) and the plan with a result message per task. */
const taskLists = fc.array(fc.record({ wire: fc.integer({ min: 10, max: 5000 }), count: fc.integer({ min: 1, max: 5 }) }), { minLength: 1, maxLength: 12 });
const planFor = (tasks: readonly { wire: number; count: number }[]) => ({ tasks, results: tasks.map((t) => ({ wire: 20 + t.count })) });

/** Checks a property of the process-pool schedule of random workloads, worker counts and plans. */
function forSchedules(check: (w: Workload, workers: number, tasks: { wire: number; count: number }[], s: ReturnType<typeof processPoolSchedule>) => boolean | void): void {
  fc.assert(
    fc.property(workloads, fc.integer({ min: 1, max: 5 }), taskLists, (w, workers, tasks) => check(w, workers, tasks, processPoolSchedule(model, w, workers, planFor(tasks)))),
    { numRuns: 200 },
  );
}

describe('process pool', () => {
  it('message cost: fixed part + bytes rounded up', () => {
    expect(messageCost(model, 1)).toBe(2);
    expect(messageCost(model, 1000)).toBe(2);
    expect(messageCost(model, 1001)).toBe(3);
  });

  it('one chunk per worker and free messages: start-up + the longest chunk', () => {
    const free: CostModel = { ...model, messageMs: 0, bytesPerMs: Infinity };
    const plan = { tasks: [3, 3, 2].map((count) => ({ wire: 50, count })), results: [50, 50, 50].map((wire) => ({ wire })) };
    expect(processPoolSchedule(free, { items: 8, cpuMs: 5, ioMs: 0 }, 3, plan).makespan).toBe(10 + 15);
  });

  it('invariants: chunks start after they are sent and after start-up, one at a time per worker', () => {
    forSchedules((w, workers, tasks, s) => {
          const sendAll = tasks.reduce((k, t) => k + messageCost(model, t.wire), 0);
          const ok = s.chunks.every((c) => c.start >= c.sentAt && c.start >= model.startMs && c.workEnd === c.start + (tasks[c.task]?.count ?? 0) * (w.cpuMs + w.ioMs));
          const noOverlap = Array.from({ length: workers }, (_, k) => s.chunks.filter((c) => c.worker === k).sort((a, b) => a.start - b.start)).every((cs) =>
            cs.every((c, i) => i === 0 || c.start >= (cs[i - 1]?.done ?? 0)),
          );
          return ok && noOverlap && s.makespan >= sendAll && s.rows.length === workers + 1 && s.rows.every((r) => r.ticks.length === s.makespan);
    });
  });

  it('the timeline found by walking forward is the one found by looking every tick up among all chunks', () => {
    forSchedules((w, workers, tasks, s) => {
          const firstItem = tasks.map((_, j) => tasks.slice(0, j).reduce((n, t) => n + t.count, 0));
          const per = w.cpuMs + w.ioMs;
          const parent = Array.from({ length: s.makespan }, (_, t) => {
            const j = s.sent.findIndex((at) => at > t);
            return j < 0 ? { kind: 'idle' } : { kind: 'send', message: j, direction: 'task' };
          });
          const workerRows = Array.from({ length: workers }, (_, k) => {
            const mine = s.chunks.filter((c) => c.worker === k);
            const lastDone = mine.length > 0 ? Math.max(...mine.map((c) => c.done)) : Math.max(model.startMs, ...s.sent);
            return Array.from({ length: s.makespan }, (_, t) => {
              if (t < model.startMs) return { kind: 'starting' };
              const c = mine.find((x) => t >= x.start && t < x.done);
              if (!c) return { kind: t >= lastDone ? 'done' : 'idle' };
              if (t >= c.workEnd) return { kind: 'send', message: c.task, direction: 'result' };
              const off = t - c.start;
              const item = (firstItem[c.task] ?? 0) + Math.floor(off / per);
              return { kind: off % per < w.cpuMs ? 'cpu' : 'io', item };
            });
          });
          expect(s.rows.map((r) => r.ticks)).toEqual([parent, ...workerRows]);
    });
  });
});
