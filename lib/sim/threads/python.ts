import type { Instr, Op, ThreadId } from './types';

/** The Python variable holding a thread object: `T1` → `t1`. */
export function threadVar(id: ThreadId): string {
  return id === 'main' ? 'threading.main_thread()' : id.toLowerCase();
}

/** The Python function a thread runs: `T1` → `run_t1`. */
export function threadFunc(id: ThreadId): string {
  return `run_${id.toLowerCase()}`;
}

// Optional fields of a call, read by kind: the kinds that carry each field are listed in one place.

/** The `# (A)` marker of a call, if it has one. */
export function markOf(op: Op | Instr): string | undefined {
  switch (op.kind) {
    case 'acquire':
    case 'if-acquire':
    case 'release':
    case 'set':
    case 'clear':
    case 'is-set':
    case 'wait':
    case 'is-alive':
      return op.mark;
    default:
      return undefined;
  }
}

/** The prefix a call's result is printed after, if it is printed. */
export function printOf(op: Op | Instr): string | undefined {
  switch (op.kind) {
    case 'acquire':
    case 'is-set':
    case 'wait':
    case 'is-alive':
      return op.print;
    default:
      return undefined;
  }
}

/** The variable a call's result is bound to, if any. */
function bindOf(op: Op | Instr): string | undefined {
  switch (op.kind) {
    case 'acquire':
    case 'wait':
      return op.bind;
    default:
      return undefined;
  }
}

/** `lock.acquire(...)` with the arguments as written in the program. */
function acquireCall(lock: string, blocking: boolean | undefined, timeout: number | undefined): string {
  if (blocking === false && timeout !== undefined) return `${lock}.acquire(False, ${timeout})`;
  if (blocking === false) return `${lock}.acquire(blocking=False)`;
  if (timeout !== undefined) return `${lock}.acquire(timeout=${timeout})`;
  return `${lock}.acquire()`;
}

/** The Python call expression of a statement (no binding, printing or marker). */
export function callExpr(op: Op | Instr): string {
  switch (op.kind) {
    case 'start':
      return `${threadVar(op.thread)}.start()`;
    case 'join':
      return op.timeout === undefined ? `${threadVar(op.thread)}.join()` : `${threadVar(op.thread)}.join(timeout=${op.timeout})`;
    case 'acquire':
    case 'if-acquire':
      return acquireCall(op.lock, op.blocking, op.timeout);
    case 'jump':
      return '(jump)';
    case 'release':
      return `${op.lock}.release()`;
    case 'with':
    case 'with-enter':
      return `with ${op.lock}:`;
    case 'with-exit':
      return `(end of with ${op.lock})`;
    case 'try-finally':
      return 'try:';
    case 'set':
      return `${op.event}.set()`;
    case 'clear':
      return `${op.event}.clear()`;
    case 'is-set':
      return `${op.event}.is_set()`;
    case 'wait':
      return op.timeout === undefined ? `${op.event}.wait()` : `${op.event}.wait(timeout=${op.timeout})`;
    case 'sleep':
      if (op.via === 'pipe-read') return `read_pipe(${op.ticks})`;
      if (op.via === 'select') return `wait_readable(${op.ticks})`;
      return `sleep(${op.ticks})`;
    case 'cpu':
      return `cpu_work(${op.ticks})`;
    case 'print':
      return `print(${JSON.stringify(op.text)})`;
    case 'is-alive':
      return `${threadVar(op.thread)}.is_alive()`;
  }
}

/** The full Python statement of a simple op (binding and printing included). */
export function statement(op: Exclude<Op, { kind: 'with' } | { kind: 'try-finally' } | { kind: 'if-acquire' }>): string {
  const expr = callExpr(op);
  let line = expr;
  const print = printOf(op);
  const bind = bindOf(op);
  const mark = markOf(op);
  if (print !== undefined) line = `print(${JSON.stringify(print)}, ${expr})`;
  else if (bind !== undefined) line = `${bind} = ${expr}`;
  if (mark !== undefined) line += `  # (${mark})`;
  return line;
}
