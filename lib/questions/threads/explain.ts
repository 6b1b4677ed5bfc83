/**
 * The words and views of the thread questions' explanations: a run of the simulator
 * (structured trace and tick snapshots) as a timeline, and every trace outcome in English
 * and Korean, made in one place.
 */
import { callExpr, type Instr, type Outcome, type RunResult, type ThreadStatus, type TickSnapshot, type Wait } from '@/lib/sim/threads';
import { L } from '../kit';
import type { Explanation, Localized, ThreadCellState, TimelineCell, TimelineView } from '../types';

/** The row label of a thread: CPython's `MainThread`, or the thread name with its daemon flag. */
export function threadLabel(id: string, daemon: boolean): string {
  if (id === 'main') return 'MainThread';
  return daemon ? `${id} (daemon)` : id;
}

function waitDetail(w: Wait): string {
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

function cellOf(snap: TickSnapshot, row: number, threadId: string, lockIds: readonly string[]): TimelineCell {
  const t = snap.threads[row];
  const holds = lockIds.filter((_, i) => snap.holders[i] === threadId);
  let detail: string | undefined;
  if (t?.status === 'cpu') detail = t.gilShare > 1 ? `GIL shared by ${t.gilShare}` : 'holds the GIL';
  else if (t?.wait) detail = waitDetail(t.wait);
  return { state: cellState(t?.status), ...(detail ? { detail } : {}), ...(holds.length > 0 ? { holds } : {}) };
}

const pyValue = (v: boolean | null): string => (v === null ? 'None' : v ? 'True' : 'False');

/** What a statement did, in both languages; null for outcomes the timeline does not show. */
export function outcomeText(o: Outcome): Localized | null {
  switch (o.kind) {
    case 'acquired':
      return L('acquired', '획득');
    case 'released':
      return L('released', '해제');
    case 'flag':
      return o.value ? L('set the flag', '플래그 True') : L('cleared the flag', '플래그 False');
    case 'shutdown-wait':
      return L('waits for non-daemon threads', '종료 전 non-daemon 스레드 대기');
    case 'blocked':
      return L(`blocked on ${o.lock}`, `${o.lock} 대기(블록)`);
    case 'waiting':
      return L(`waits on ${o.event}`, `${o.event} 대기`);
    case 'joining':
      return L(`waits for ${o.thread}`, `${o.thread} 종료 대기`);
    case 'timed-out':
      return L(`timed out: returned ${pyValue(o.value)}`, `타임아웃: ${pyValue(o.value)} 반환`);
    case 'returned':
      return L(`returned ${pyValue(o.value)}`, `${pyValue(o.value)} 반환`);
    case 'raised':
      return L(`raised ${o.error}`, `${o.error} 발생`);
    case 'started':
      return L(`started ${o.thread}`, `${o.thread} 시작`);
    case 'joined':
      return L(`${o.thread} finished: returned None`, `${o.thread} 종료: None 반환`);
    case 'finished':
      return L('returns: thread finished', '함수 종료: 스레드 끝');
    default:
      return null;
  }
}

/** The timeline event of one executed statement, or null when it shows nothing. */
function describe(instr: Instr | null, outcome: Outcome | null): Localized | null {
  if (!instr) return outcome?.kind === 'finished' ? outcomeText(outcome) : null;
  if (instr.kind === 'jump') return null;
  const code = callExpr(instr);
  if (instr.kind === 'print') return L(`prints ${JSON.stringify(instr.text)}`, `${JSON.stringify(instr.text)} 출력`);
  if (instr.kind === 'sleep' || instr.kind === 'cpu') return outcome?.kind === 'woke' || outcome?.kind === 'computed' ? null : L(code, code);
  const text = outcome ? outcomeText(outcome) : null;
  return text ? L(`${code}: ${text.en}`, `${code}: ${text.ko}`) : L(`${code}: `, `${code}: `);
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
  const rows = final.threads.map((t, row) => ({
    id: t.id,
    label: threadLabel(t.id, t.daemon),
    cells: snaps.map((s) => cellOf(s, row, t.id, lockIds)),
  }));
  const locks = lockIds.map((id, i) => ({ id, holders: snaps.map((s) => s.holders[i] ?? null) }));
  const events: { tick: number; thread: string; text: Localized }[] = [];
  for (const e of run.trace) {
    if (e.kind === 'op') {
      const text = describe(e.instr, e.outcome);
      if (text) events.push({ tick: e.tick, thread: e.thread, text });
    } else if (e.kind === 'exit') {
      const killed = e.killed.join(', ');
      events.push({
        tick: e.tick,
        thread: 'main',
        text: killed
          ? L(`interpreter exits; daemon threads stopped: ${killed}`, `인터프리터 종료, daemon 스레드 강제 중단: ${killed}`)
          : L('interpreter exits', '인터프리터 종료'),
      });
    } else if (e.kind === 'hung') {
      events.push({ tick: e.tick, thread: 'main', text: L(`hangs forever: ${e.stuck.join(', ')} blocked`, `영원히 멈춤: ${e.stuck.join(', ')} 블록`) });
    }
  }
  return { kind: 'timeline', ticks: snaps.length, rows, locks, events };
}

/** A thread question's explanation: the summary paragraphs, the run's timeline, the CPython rule. */
export function explanation(run: RunResult, summary: readonly Localized[], rule: Localized): Explanation {
  return { summary, views: [buildTimeline(run)], rule };
}
