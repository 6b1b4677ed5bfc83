import type { Localized, ThreadCellState, TimelineCell, TimelineView } from '@/lib/questions/types';
import { callExpr } from './python';
import type { RunResult } from './run';
import type { Instr, ThreadStatus, TickSnapshot, TraceEntry, Wait } from './types';

/** The row label of a thread: CPython's `MainThread`, or the thread name with its daemon flag. */
export function threadLabel(id: string, daemon: boolean): string {
  if (id === 'main') return 'MainThread';
  return daemon ? `${id} (daemon)` : id;
}

function waitDetail(w: Wait | undefined): string | undefined {
  if (!w) return undefined;
  switch (w.on) {
    case 'lock':
      return w.deadline === null ? w.lock : `${w.lock} (until t=${w.deadline})`;
    case 'event':
      return w.deadline === null ? w.event : `${w.event} (until t=${w.deadline})`;
    case 'join':
      return w.deadline === null ? `join ${w.thread}` : `join ${w.thread} (until t=${w.deadline})`;
    case 'sleep':
      return `sleep until t=${w.until}`;
    case 'shutdown':
      return 'exit: join non-daemon threads';
  }
}

function cellState(status: ThreadStatus | undefined): ThreadCellState {
  switch (status) {
    case 'ready':
      return 'ready';
    case 'cpu':
      return 'running';
    case 'blocked':
      return 'blocked';
    case 'sleeping':
      return 'sleeping';
    case 'finished':
      return 'finished';
    case 'killed':
      return 'killed';
    default:
      return 'not-started';
  }
}

/** The last wait of a row and its text: a wait lasts several ticks, its snapshots share the record. */
interface WaitMemo {
  wait: Wait | undefined;
  detail: string | undefined;
}

function cellOf(snap: TickSnapshot, row: number, threadId: string, lockIds: readonly string[], memo: WaitMemo): TimelineCell {
  const t = snap.threads[row];
  let holds: string[] | undefined;
  for (let i = 0; i < lockIds.length; i++) if (snap.holders[i] === threadId) (holds ??= []).push(lockIds[i] as string);
  const state = cellState(t?.status);
  let detail: string | undefined;
  if (t?.status === 'cpu') detail = t.gilShare > 1 ? `GIL shared by ${t.gilShare}` : 'holds the GIL';
  else if (t?.wait) {
    if (memo.wait !== t.wait) {
      memo.wait = t.wait;
      memo.detail = waitDetail(t.wait);
    }
    detail = memo.detail;
  }
  // Keys added one by one, in this order (a spread of optional keys is slow in V8).
  const cell: { -readonly [K in keyof TimelineCell]: TimelineCell[K] } = { state };
  if (detail) cell.detail = detail;
  if (holds) cell.holds = holds;
  return cell;
}

// A Map: outcomes are built strings, and looking one up as an object key is slower.
const KO_FIXED: ReadonlyMap<string, string> = new Map([
  ['acquired', '획득'],
  ['released', '해제'],
  ['set the flag', '플래그 True'],
  ['cleared the flag', '플래그 False'],
  ['waits for non-daemon threads', '종료 전 non-daemon 스레드 대기'],
]);

const KO_PREFIX: readonly [string, (rest: string) => string][] = [
  ['blocked on ', (x) => `${x} 대기(블록)`],
  ['waits on ', (x) => `${x} 대기`],
  ['waits for ', (x) => `${x} 종료 대기`],
  ['timed out: returned ', (x) => `타임아웃: ${x} 반환`],
  ['returned ', (x) => `${x} 반환`],
  ['raised ', (x) => `${x} 발생`],
  ['started ', (x) => `${x} 시작`],
];

/** The Korean form of a trace outcome. */
function outcomeKo(outcome: string): string {
  const fixed = KO_FIXED.get(outcome);
  if (fixed) return fixed;
  if (outcome.endsWith(' finished: returned None')) return `${outcome.slice(0, -' finished: returned None'.length)} 종료: None 반환`;
  for (const [prefix, f] of KO_PREFIX) if (outcome.startsWith(prefix)) return f(outcome.slice(prefix.length));
  return outcome;
}

function describe(instr: Instr | null, outcome: string): Localized | null {
  if (instr?.kind === 'jump') return null;
  if (!instr) return outcome === 'finished' ? { en: 'returns: thread finished', ko: '함수 종료: 스레드 끝' } : null;
  const code = callExpr(instr);
  if (instr.kind === 'print') return { en: `prints ${JSON.stringify(instr.text)}`, ko: `${JSON.stringify(instr.text)} 출력` };
  if (instr.kind === 'sleep' || instr.kind === 'cpu') {
    if (outcome.startsWith('woke') || outcome.startsWith('done')) return null;
    return { en: code, ko: code };
  }
  const ko = outcomeKo(outcome);
  return { en: `${code}: ${outcome}`, ko: `${code}: ${ko}` };
}

/**
 * The run as a timeline: one row per thread, one column per tick (the state during
 * [t, t+1), the last column the state at exit), the holder of every lock per tick, and the
 * statements executed at each tick as events.
 */
export function buildTimeline(run: RunResult): TimelineView {
  const { final } = run;
  const lockIds = final.locks.map((l) => l.id);
  const snaps = final.snapshots;
  const rows = final.threads.map((t, row) => {
    const memo: WaitMemo = { wait: undefined, detail: undefined };
    return { id: t.id, label: threadLabel(t.id, t.daemon), cells: snaps.map((s) => cellOf(s, row, t.id, lockIds, memo)) };
  });
  const locks = lockIds.map((id, i) => ({ id, holders: snaps.map((s) => s.holders[i] ?? null) }));
  const events: { tick: number; thread: string; text: Localized }[] = [];
  for (const e of run.trace as TraceEntry[]) {
    if (e.kind === 'op') {
      const text = describe(e.instr, e.outcome);
      if (text) events.push({ tick: e.tick, thread: e.thread, text });
    } else if (e.kind === 'exit') {
      const killed = e.killed.join(', ');
      events.push({
        tick: e.tick,
        thread: 'main',
        text: killed
          ? { en: `interpreter exits; daemon threads stopped: ${killed}`, ko: `인터프리터 종료, daemon 스레드 강제 중단: ${killed}` }
          : { en: 'interpreter exits', ko: '인터프리터 종료' },
      });
    } else if (e.kind === 'hung') {
      events.push({
        tick: e.tick,
        thread: 'main',
        text: { en: `hangs forever: ${e.stuck.join(', ')} blocked`, ko: `영원히 멈춤: ${e.stuck.join(', ')} 블록` },
      });
    }
  }
  return { kind: 'timeline', ticks: snaps.length, rows, locks, events };
}
