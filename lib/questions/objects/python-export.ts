/**
 * Runnable programs for the objects generators: the program exactly as shown, with a
 * prelude (a `print` that also records each line, `_live(cls)` counting the instances
 * CPython still holds) and instrumentation lines that compute the answer from what really
 * happened and print it last as `ANSWER <json>`.
 */
import { renderProgram, type ObjectProgram } from '@/lib/sim/objects';
import type { Program } from '../types';

const PRELUDE = String.raw`# Exported by Lockstep: the program as shown, plus instrumentation lines marked "# [lockstep]".
import builtins as _b, gc as _gc, io as _io, json as _json

_out = []


def print(*args, **kw):
    # prints as usual, and records the line for the ANSWER
    buf = _io.StringIO()
    _b.print(*args, file=buf, **kw)
    _out.append(buf.getvalue()[:-1])
    _b.print(*args, **kw)


def _live(cls):
    # instances of cls (or a subclass) the interpreter still holds; no gc.collect():
    # reference counting alone must have freed the rest
    return sum(1 for o in _gc.get_objects() if issubclass(type(o), cls))


def _answer(value):
    _b.print("ANSWER " + _json.dumps(value))


# ---- the program, as shown ----
`;

/**
 * The program with `after[i]` instrumentation lines inserted right after module statement
 * i, and `end` lines appended.
 */
export function exportObjects(program: ObjectProgram, after: Readonly<Record<number, readonly string[]>>, end: readonly string[]): Program {
  const { code, lines } = renderProgram(program);
  const src = code.trimEnd().split('\n');
  const insertAt = new Map<number, readonly string[]>();
  for (const [i, extra] of Object.entries(after)) {
    const line = lines[Number(i)];
    if (line === undefined) throw new RangeError(`no statement ${i}`);
    insertAt.set(line, extra);
  }
  const out: string[] = [];
  src.forEach((l, i) => {
    out.push(l);
    for (const extra of insertAt.get(i + 1) ?? []) out.push(`${extra}  # [lockstep]`);
  });
  out.push('', '# ---- [lockstep] the answer ----', ...end);
  return { language: 'python', source: PRELUDE + out.join('\n') + '\n' };
}

/** A Python string literal for arbitrary text (JSON strings are valid Python literals for ASCII). */
export function pyString(s: string): string {
  return JSON.stringify(s);
}
