/**
 * A challenge program as real Python: the listing the learner reads, and the replay that
 * forces a schedule on real CPython. The replay puts a gate (threading.Event) before every
 * step and a "done" event after it; the main thread opens the gates in the schedule's order
 * and waits for the steps the simulator says complete, so real threads, locks, timeouts
 * and the interpreter's shutdown produce the outcome. `counter += 1` is written as its
 * three bytecode steps (read, add, write back) so that a gate can sit between them.
 */
import { applyMove, exited, initialState, isDeadlocked, type ChallengeProgram, type ChallengeState, type Goal, type Instr, type Move } from '@/lib/sim/challenge';
import { instrCode } from './explain';

/** Real seconds per tick of the simulator's clock in the replay. */
export const REPLAY_TICK_SECONDS = 0.2;

const fn = (thread: string) => thread.toLowerCase();

function header(program: ChallengeProgram): string[] {
  const lines = ['import threading', 'import time', ''];
  for (const l of program.locks) lines.push(`${l.name} = threading.${l.reentrant ? 'RLock' : 'Lock'}()`);
  for (const e of program.events) lines.push(`${e} = threading.Event()`);
  if (program.counter) lines.push('counter = 0');
  return lines;
}

/** The statements of a body, `counter += 1` once for its three steps. */
function statements(body: readonly Instr[]): string[] {
  return body.filter((i) => i.op !== 'add' && i.op !== 'store').map(instrCode);
}

/** The program the learner schedules, as Python source. */
export function listing(program: ChallengeProgram): string {
  const lines = header(program);
  for (const t of program.threads) {
    lines.push('', '', `def ${fn(t.name)}():`);
    if (program.counter && t.body.some((i) => i.op === 'store')) lines.push('    global counter');
    for (const s of statements(t.body)) lines.push(`    ${s}`);
  }
  lines.push('', '');
  for (const t of program.threads) lines.push(`${t.name} = threading.Thread(target=${fn(t.name)}${t.daemon ? ', daemon=True' : ''})`);
  lines.push(`for t in (${program.threads.map((t) => t.name).join(', ')}):`, '    t.start()');
  return lines.join('\n');
}

function replayStatement(instr: Instr): string {
  switch (instr.op) {
    case 'acquire':
      return instr.timeout === undefined ? `${instr.lock}.acquire()` : `got = ${instr.lock}.acquire(timeout=${instr.timeout} * TICK); GOT[me] = got`;
    case 'print':
      return `print(${JSON.stringify(instr.text)}, flush=True)`;
    case 'sleep':
      return `time.sleep(${instr.ticks} * TICK)`;
    case 'load':
      return 'reg = counter';
    case 'add':
      return 'reg = reg + 1';
    case 'store':
      return 'counter = reg';
    default:
      return instrCode(instr);
  }
}

/** The final state of a schedule and, per move, the gate it opens and the steps that complete. */
function plan(program: ChallengeProgram, moves: readonly Move[]): { final: ChallengeState; steps: [string | null, string[]][] } {
  let state = initialState(program);
  const steps: [string | null, string[]][] = [];
  for (const move of moves) {
    const opened = move === 'tick' ? null : `${move}:${(state.threads[move] as { pc: number }).pc}`;
    const r = applyMove(program, state, move);
    steps.push([opened, r.completed.map((c) => `${c.thread}:${c.index}`)]);
    state = r.state;
  }
  return { final: state, steps };
}

/** Python that says whether the run reached the goal. */
function goalCheck(goal: Goal): string {
  switch (goal.kind) {
    case 'deadlock':
      return 'len(stuck) > 0';
    case 'print-first':
      return `len(OUT) > 0 and OUT[0] == ${JSON.stringify(goal.line)}`;
    case 'acquire-false':
      return `GOT.get(${JSON.stringify(goal.thread)}) is False`;
    case 'counter-wrong':
      return `not stuck and counter != ${goal.expected}`;
    case 'daemon-silent':
      return `not stuck and ${JSON.stringify(goal.line)} not in OUT`;
  }
}

/**
 * A Python program that forces `moves` on real CPython and prints `OUTCOME <json>` (output
 * lines, counter, what timed acquires returned, threads still blocked) and then
 * `ANSWER <json>`: `moves` when the real run reached the goal, else "impossible".
 */
export function replaySource(program: ChallengeProgram, goal: Goal, moves: readonly Move[]): string {
  const { final, steps } = plan(program, moves);
  const deadlocked = isDeadlocked(program, final);
  const ended = exited(program, final);
  const keys = program.threads.flatMap((t) => t.body.map((_, k) => `${t.name}:${k}`));
  const lines = [...header(program), ...(program.counter ? [] : ['counter = 0']), 'import builtins, json, os', `TICK = ${REPLAY_TICK_SECONDS}`, 'OUT = []', 'GOT = {}'];
  lines.push(`GATE = {k: threading.Event() for k in ${JSON.stringify(keys)}}`, 'DONE = {k: threading.Event() for k in GATE}');
  lines.push('def print(text, flush=True):', '    OUT.append(text)', '    builtins.print(text, flush=True)');
  for (const t of program.threads) {
    lines.push('', `def ${fn(t.name)}():`, '    global counter', `    me = ${JSON.stringify(t.name)}`, '    got = None', '    reg = 0');
    t.body.forEach((instr, k) => {
      lines.push(`    GATE["${t.name}:${k}"].wait()`, `    ${replayStatement(instr)}`, `    DONE["${t.name}:${k}"].set()`);
    });
  }
  lines.push('');
  for (const t of program.threads) lines.push(`${t.name} = threading.Thread(target=${fn(t.name)}, name=${JSON.stringify(t.name)}${t.daemon ? ', daemon=True' : ''})`);
  lines.push(`THREADS = [${program.threads.map((t) => t.name).join(', ')}]`, 'for t in THREADS:', '    t.start()');
  lines.push(`PLAN = json.loads(${JSON.stringify(JSON.stringify(steps))})`);
  lines.push(
    'try:',
    '    for opened, completes in PLAN:',
    '        if opened:',
    '            GATE[opened].set()',
    '        for c in completes:',
    '            if not DONE[c].wait(timeout=60 * TICK):',
    '                builtins.print("STUCK " + c, flush=True)',
    '                os._exit(2)',
    'except BaseException as e:',
    '    builtins.print("ERROR " + repr(e), flush=True)',
    '    os._exit(3)',
    'stuck = []',
  );
  if (deadlocked) {
    // Let every thread left run on freely: in a deadlock each one blocks on a real lock or event.
    lines.push('for g in GATE.values():', '    g.set()', 'time.sleep(3 * TICK)', 'stuck = sorted(t.name for t in THREADS if t.is_alive())');
  }
  // The schedule ran to the exit: the non-daemon threads have finished (join returns at once).
  if (ended) lines.push('for t in THREADS:', '    if not t.daemon:', '        t.join()');
  lines.push(
    `outcome = {"output": OUT, "counter": ${program.counter ? 'counter' : '0'}, "got": GOT, "stuck": stuck}`,
    'builtins.print("OUTCOME " + json.dumps(outcome, sort_keys=True), flush=True)',
    `builtins.print("ANSWER " + json.dumps(${JSON.stringify(moves)} if (${goalCheck(goal)}) else "impossible"), flush=True)`,
  );
  // At the exit the interpreter's own shutdown kills the daemon threads; anywhere else the
  // threads left wait at their gates (or deadlocked), so the replay ends itself.
  if (!ended) lines.push('os._exit(0)');
  return lines.join('\n') + '\n';
}

/** What the replay should report for a schedule: the simulator's final state in the replay's terms. */
export function expectedOutcome(program: ChallengeProgram, moves: readonly Move[]) {
  const { final } = plan(program, moves);
  const got: Record<string, boolean> = {};
  for (const t of program.threads) {
    const g = final.threads[t.name]?.got;
    if (g !== null && g !== undefined) got[t.name] = g;
  }
  const stuck = isDeadlocked(program, final) ? program.threads.filter((t) => (final.threads[t.name]?.pc ?? 0) < t.body.length).map((t) => t.name).sort() : [];
  return { output: [...final.output], counter: final.counter, got, stuck };
}
