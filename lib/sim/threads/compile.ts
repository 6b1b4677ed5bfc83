import type { CompiledProgram, CompiledThread, Instr, Op, ProgramSpec } from './types';
import { MAIN, MAX_EXTRA_THREADS } from './types';

type IfAcquire = Extract<Op, { kind: 'if-acquire' }>;

/** The `acquire` an `if lock.acquire(...):` starts with: its arguments, and where to go on False. */
function acquireOf(op: IfAcquire, onFalse: number): Instr {
  return {
    kind: 'acquire',
    lock: op.lock,
    ...(op.blocking !== undefined ? { blocking: op.blocking } : {}),
    ...(op.timeout !== undefined ? { timeout: op.timeout } : {}),
    ...(op.mark !== undefined ? { mark: op.mark } : {}),
    onFalse,
  };
}

/** Thrown for malformed programs (a programmer mistake in a generator, never a user's). */
export class ProgramError extends Error {
  override readonly name = 'ProgramError';
}

function flatten(
  ops: readonly Op[],
  out: Instr[],
  withLocks: (readonly string[])[],
  inTry: boolean[],
  locks: readonly string[],
  tryDepth: number,
): void {
  for (const op of ops) {
    if (op.kind === 'with') {
      out.push({ kind: 'with-enter', lock: op.lock });
      withLocks.push(locks);
      inTry.push(tryDepth > 0);
      flatten(op.body, out, withLocks, inTry, [...locks, op.lock], tryDepth);
      out.push({ kind: 'with-exit', lock: op.lock });
      withLocks.push(locks);
      inTry.push(tryDepth > 0);
    } else if (op.kind === 'if-acquire') {
      const at = out.length;
      const { body, orElse } = op;
      out.push(acquireOf(op, -1));
      withLocks.push(locks);
      inTry.push(tryDepth > 0);
      flatten(body, out, withLocks, inTry, locks, tryDepth);
      out.push({ kind: 'release', lock: op.lock });
      withLocks.push(locks);
      inTry.push(tryDepth > 0);
      let jumpAt = -1;
      if (orElse && orElse.length > 0) {
        jumpAt = out.length;
        out.push({ kind: 'jump', to: -1 });
        withLocks.push(locks);
        inTry.push(tryDepth > 0);
      }
      out[at] = acquireOf(op, out.length);
      if (orElse && orElse.length > 0) {
        flatten(orElse, out, withLocks, inTry, locks, tryDepth);
        out[jumpAt] = { kind: 'jump', to: out.length };
      }
    } else if (op.kind === 'try-finally') {
      flatten(op.body, out, withLocks, inTry, locks, tryDepth + 1);
      flatten(op.final, out, withLocks, inTry, locks, tryDepth);
    } else {
      out.push(op);
      withLocks.push(locks);
      inTry.push(tryDepth > 0);
    }
  }
}

function compileThread(id: string, index: number, daemon: boolean, body: readonly Op[]): CompiledThread {
  const code: Instr[] = [];
  const withLocks: (readonly string[])[] = [];
  const inTry: boolean[] = [];
  flatten(body, code, withLocks, inTry, [], 0);
  return { id, index, daemon, code, withLocks, inTry };
}

/** Checks an instruction's references and numbers. */
function validate(ins: Instr, lockIds: ReadonlySet<string>, eventIds: ReadonlySet<string>, threadIds: ReadonlySet<string>): void {
  switch (ins.kind) {
    case 'acquire':
    case 'release':
    case 'with-enter':
    case 'with-exit':
      if (!lockIds.has(ins.lock)) throw new ProgramError(`unknown lock ${ins.lock}`);
      break;
    case 'set':
    case 'clear':
    case 'is-set':
    case 'wait':
      if (!eventIds.has(ins.event)) throw new ProgramError(`unknown event ${ins.event}`);
      break;
    case 'start':
    case 'join':
    case 'is-alive':
      if (!threadIds.has(ins.thread)) throw new ProgramError(`unknown thread ${ins.thread}`);
      break;
    case 'sleep':
    case 'cpu':
      if (!Number.isInteger(ins.ticks) || ins.ticks < 0) throw new ProgramError(`${ins.kind} needs a non-negative integer number of ticks`);
      break;
    case 'print':
    case 'jump':
      break;
  }
  if ((ins.kind === 'acquire' || ins.kind === 'wait' || ins.kind === 'join') && ins.timeout !== undefined && !Number.isInteger(ins.timeout)) {
    throw new ProgramError('timeouts are integer ticks');
  }
}

/**
 * Flattens a program: `with lock:` becomes acquire-on-enter and release-on-exit (CPython's
 * context-manager protocol for locks); `try/finally` runs its body then its final block
 * (the simulator's programs raise only outside `try` bodies, and a killed daemon runs
 * neither). Validates thread, lock and event references.
 */
export function compileProgram(spec: ProgramSpec): CompiledProgram {
  if (spec.threads.length > MAX_EXTRA_THREADS) throw new ProgramError(`at most ${MAX_EXTRA_THREADS} threads besides main`);
  const ids = new Set<string>([MAIN]);
  for (const t of spec.threads) {
    if (ids.has(t.id)) throw new ProgramError(`duplicate thread ${t.id}`);
    ids.add(t.id);
  }
  const lockIds = new Set(spec.locks.map((l) => l.id));
  const eventIds = new Set(spec.events.map((e) => e.id));
  const threads = [compileThread(MAIN, 0, false, spec.main)];
  spec.threads.forEach((t, i) => threads.push(compileThread(t.id, i + 1, t.daemon, t.body)));
  for (const t of threads) for (const ins of t.code) validate(ins, lockIds, eventIds, ids);
  return { spec, threads };
}
