/**
 * Renders a thread scenario as Python 3: the code learners see, and the runnable program
 * the oracle executes. Both share the same body text; the runnable one is preceded by a
 * prelude that provides instrumented `Thread`, `Lock`, `RLock`, `Event`, `sleep`,
 * `cpu_work` and `perf_counter` (one second of the shown code = one TICK of real time,
 * deadlines snapped to whole ticks so small delays never accumulate) and followed by an
 * `atexit` hook that prints `ANSWER <json>` after the interpreter has joined the
 * non-daemon threads.
 */
import { callExpr, statement, threadFunc, threadVar, type Op, type ProgramSpec } from '@/lib/sim/threads';
import type { Lang, Localized, Program } from '../types';

export interface RenderOptions {
  /** Extra main-thread lines before the first statement (e.g. `start = perf_counter()`). */
  readonly mainBefore?: readonly string[];
  /** Extra main-thread lines after the last statement. */
  readonly mainAfter?: readonly string[];
  /** Whether the scenario uses `cpu_work` (adds its definition to the shown header). */
  readonly cpu?: boolean;
  /** Whether the scenario uses `perf_counter`. */
  readonly clock?: boolean;
  /** Whether the scenario waits in blocking I/O (adds `read_pipe` and `wait_readable` to the shown header). */
  readonly io?: boolean;
}

function bodyLines(ops: readonly Op[], indent: string, out: string[]): void {
  if (ops.length === 0) {
    out.push(`${indent}pass`);
    return;
  }
  for (const op of ops) {
    if (op.kind === 'with') {
      out.push(`${indent}with ${op.lock}:`);
      bodyLines(op.body, indent + '    ', out);
    } else if (op.kind === 'try-finally') {
      out.push(`${indent}try:`);
      bodyLines(op.body, indent + '    ', out);
      out.push(`${indent}finally:`);
      bodyLines(op.final, indent + '    ', out);
    } else if (op.kind === 'if-acquire') {
      const { body, orElse } = op;
      out.push(`${indent}if ${callExpr(op)}:${op.mark ? `  # (${op.mark})` : ''}`);
      bodyLines([...body, { kind: 'release', lock: op.lock }], indent + '    ', out);
      if (orElse && orElse.length > 0) {
        out.push(`${indent}else:`);
        bodyLines(orElse, indent + '    ', out);
      }
    } else {
      out.push(indent + statement(op));
    }
  }
}

/** The scenario's body: objects, thread functions, thread objects, main statements. */
export function renderBody(spec: ProgramSpec, opts: RenderOptions = {}, out: string[] = []): string[] {
  for (const l of spec.locks) out.push(`${l.id} = ${l.kind}()`);
  for (const e of spec.events) out.push(`${e.id} = Event()`);
  if (spec.locks.length + spec.events.length > 0) out.push('');
  for (const t of spec.threads) {
    out.push('');
    out.push('');
    out.push(`def ${threadFunc(t.id)}():`);
    bodyLines(t.body, '    ', out);
  }
  out.push('');
  out.push('');
  for (const t of spec.threads) {
    out.push(`${threadVar(t.id)} = Thread(target=${threadFunc(t.id)}, name=${JSON.stringify(t.id)}${t.daemon ? ', daemon=True' : ''})`);
  }
  out.push(...(opts.mainBefore ?? []));
  bodyLines(spec.main, '', out);
  out.push(...(opts.mainAfter ?? []));
  return out;
}

/**
 * The prose comments of the shown helper definitions, per language (issue 16 §4: code comments
 * in the learner's language). Both texts comment the same lines, so the two programs differ
 * only in comments.
 */
const HELPER_COMMENTS = {
  cpuWork: [
    {
      en: 'pure-Python busy loop: needs `seconds` of CPU time and holds the GIL while it runs',
      ko: '순수 파이썬 바쁜 루프: CPU 시간이 `seconds`초 필요하며, 도는 동안 GIL을 잡고 있습니다',
    },
  ],
  readPipe: [
    { en: 'a blocking read from a pipe whose data arrives after `seconds`;', ko: '`seconds`초 뒤에 데이터가 들어오는 파이프에서 블로킹 읽기를 합니다.' },
    { en: 'os.read() waits in the kernel and releases the GIL meanwhile', ko: 'os.read()는 커널 안에서 기다리며 그동안 GIL을 놓습니다' },
  ],
  waitReadable: [
    {
      en: 'select() on a socket nobody writes to: blocks (without the GIL) until the timeout',
      ko: '아무도 쓰지 않는 소켓에 select()를 호출합니다: 타임아웃까지 (GIL 없이) 블록됩니다',
    },
  ],
} as const satisfies Record<string, readonly Localized[]>;

/** A helper's comment lines in one language, indented into its body. */
function comments(lines: readonly Localized[], lang: Lang): string[] {
  return lines.map((c) => `    # ${c[lang]}`);
}

/** Shown definitions of the blocking I/O calls (the exported program defines them the same way, at its time scale). */
const IO_IMPORTS = ['import os', 'import select', 'import socket', 'import threading'];
function ioHeader(lang: Lang): string[] {
  return [
    '',
    '',
    'def read_pipe(seconds):',
    ...comments(HELPER_COMMENTS.readPipe, lang),
    '    r, w = os.pipe()',
    '    threading.Timer(seconds, os.write, (w, b"x")).start()',
    '    os.read(r, 1)',
    '',
    '',
    'def wait_readable(seconds):',
    ...comments(HELPER_COMMENTS.waitReadable, lang),
    '    a, b = socket.socketpair()',
    '    select.select([a], [], [], seconds)',
  ];
}

/** The code shown to learners, its comments in `lang` (English by default). */
export function displayCode(spec: ProgramSpec, opts: RenderOptions = {}, lang: Lang = 'en'): string {
  const head: string[] = [];
  if (opts.io) head.push(...IO_IMPORTS);
  if (opts.cpu) head.push('import time');
  head.push('from threading import Thread, Lock, RLock, Event');
  head.push(opts.clock ? 'from time import sleep, perf_counter' : 'from time import sleep');
  if (opts.cpu) {
    head.push('');
    head.push('');
    head.push('def cpu_work(seconds):');
    head.push(...comments(HELPER_COMMENTS.cpuWork, lang));
    head.push('    end = time.thread_time() + seconds');
    head.push('    while time.thread_time() < end:');
    head.push('        pass');
  }
  if (opts.io) head.push(...ioHeader(lang));
  head.push('');
  return renderBody(spec, opts, head).join('\n').replace(/\n{3,}/g, '\n\n\n') + '\n';
}

/** The code shown to learners with its comments in each language: one program, two texts. */
export function localizedCode(spec: ProgramSpec, opts: RenderOptions = {}): Localized {
  return { en: displayCode(spec, opts, 'en'), ko: displayCode(spec, opts, 'ko') };
}

/** Seconds of real time per tick in exported programs. */
export const EXPORT_TICK = 0.1;

const PRELUDE = String.raw`# Exported by Lockstep: the scenario really runs, with 1 s of the shown code = TICK s.
# Every thread keeps a logical tick: sleep(n) sleeps until the absolute time of tick k+n, a
# thread starts at its starter's tick, a call woken by another thread continues at the
# waker's tick, a timed-out call at its deadline. So lateness never accumulates; the real
# wall time of every logged step is checked against it (NOISY if off by over 0.8 tick), and
# perf_counter() discounts CPU time other processes took while cpu_work ran (see _stolen).
import threading as _th, time as _time, builtins as _b, atexit as _atexit, json as _json, sys as _sys

TICK = __TICK__
_T0 = _time.monotonic()
_log = []
_out = []
_cpu_spans = []
_started = []
_L = _th.local()


def _elapsed():
    # seconds since the start, discounting CPU other processes took from cpu_work (_stolen)
    return _time.monotonic() - _T0 - (_stolen() if _cpu_spans else 0.0)


def _t():
    return _elapsed() / TICK


def _k():
    return getattr(_L, "k", 0)


def _setk(k):
    _L.k = k


def _me():
    return _th.current_thread().name


def _until(k):
    # seconds from now until tick k
    return max(0.0, k * TICK - _elapsed())


def _note(op, obj, val=None, exc=None):
    e = {"t": _t(), "k": _k(), "th": _me(), "op": op, "obj": obj, "val": val, "exc": exc}
    _log.append(e)
    return e


def sleep(n):
    k = _k() + n
    while True:
        r = _until(k)
        if r <= 0:
            break
        _time.sleep(r)
    _setk(k)


def cpu_work(n):
    w0, c0 = _time.monotonic(), _time.thread_time()
    end = c0 + n * TICK
    while _time.thread_time() < end:
        pass
    _cpu_spans.append((w0, _time.monotonic(), _time.thread_time() - c0))
    _setk(max(_k(), round(perf_counter())))


def _stolen():
    # Wall time while some cpu_work ran, minus the CPU time they got: under the GIL that
    # gap is CPU taken by other processes (plus GIL hand-over latency), not by our code.
    spans = sorted(_cpu_spans)
    union, cur_a, cur_b = 0.0, None, None
    for a, b, _ in spans:
        if cur_b is None or a > cur_b:
            if cur_b is not None:
                union += cur_b - cur_a
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    if cur_b is not None:
        union += cur_b - cur_a
    return max(0.0, union - sum(c for _, _, c in spans))


def perf_counter():
    # elapsed ticks as on an otherwise idle machine (see _stolen)
    return _t()


def print(*args, **kw):
    _out.append({"t": _t(), "k": _k(), "th": _me(), "text": " ".join(str(a) for a in args)})
    _b.print(*args, **kw)


class _Lockish:
    def __init__(self, real):
        self._real = real
        self._kfree = 0

    def acquire(self, blocking=True, timeout=-1):
        k0 = _k()
        _note("acquire?", self)  # when the call was made: a late call is NOISY even if it then blocks
        try:
            if blocking and isinstance(timeout, (int, float)) and timeout > 0:
                r = self._real.acquire(True, _until(k0 + timeout))
            else:
                r = self._real.acquire(blocking, timeout)
        except Exception as e:
            _note("acquire", self, exc=type(e).__name__)
            raise
        if r:
            _setk(max(k0, self._kfree))
        elif blocking and isinstance(timeout, (int, float)) and timeout > 0:
            _setk(k0 + timeout)
        _note("acquire", self, r)
        return r

    def release(self):
        pending = _note("release?", self)
        self._kfree = _k()
        try:
            self._real.release()
        except Exception as e:
            pending["exc"] = type(e).__name__
            _note("release", self, exc=type(e).__name__)
            raise
        _note("release", self)

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *exc):
        self.release()
        return False


def Lock():
    return _Lockish(_th.Lock())


def RLock():
    return _Lockish(_th.RLock())


class Event:
    def __init__(self):
        self._real = _th.Event()
        self._kset = 0

    def set(self):
        _note("set", self)
        self._kset = _k()
        self._real.set()

    def clear(self):
        _note("clear", self)
        self._real.clear()

    def is_set(self):
        r = self._real.is_set()
        _note("is_set", self, r)
        return r

    def wait(self, timeout=None):
        k0 = _k()
        _note("wait?", self)
        if timeout is not None and timeout > 0:
            r = self._real.wait(_until(k0 + timeout))
        else:
            r = self._real.wait(timeout)
        if r:
            _setk(max(k0, self._kset))
        elif timeout is not None and timeout > 0:
            _setk(k0 + timeout)
        _note("wait", self, r)
        return r


class Thread(_th.Thread):
    _kend = 0

    def start(self):
        self._k0 = _k()
        _started.append(self)
        try:
            super().start()
        except Exception as e:
            _note("start", self, exc=type(e).__name__)
            raise
        _note("start", self)

    def run(self):
        _setk(self._k0)
        try:
            super().run()
        finally:
            self._kend = _k()

    def join(self, timeout=None):
        k0 = _k()
        _note("join?", self)
        try:
            if timeout is not None and timeout > 0:
                r = super().join(_until(k0 + timeout))
            else:
                r = super().join(timeout)
        except Exception as e:
            _note("join", self, exc=type(e).__name__)
            raise
        if not super().is_alive():
            _setk(max(k0, self._kend))
        elif timeout is not None and timeout > 0:
            _setk(k0 + timeout)
        _note("join", self, r)
        return r

    def is_alive(self):
        r = super().is_alive()
        _note("is_alive", self, r)
        return r


def _calls(th, op, obj):
    return [e for e in _log if e["th"] == th and e["op"] == op and e["obj"] is obj]


def _holder_at(obj, x):
    # who holds lock obj at x ticks, replaying successful acquires and releases in log order
    holder, count = None, 0
    for e in _log:
        if e["obj"] is not obj or e["k"] > x or e["exc"]:
            continue
        if e["op"] == "acquire" and e["val"]:
            holder, count = e["th"], count + 1
        elif e["op"] == "release?":
            count = max(0, count - 1) if holder is not None else 0
            if count == 0:
                holder = None
    return holder


def _tid(name):
    return "main" if name == "MainThread" else name


def _emit(answer):
    # (CPU-bound programs get more slack: threads sharing the GIL finish at GIL-dependent
    # moments inside their shared ticks, and a thread waiting for the GIL runs late.)
    slack = 1.5 if _cpu_spans else 0.8
    # With CPU-bound threads only printed lines are checked: how the GIL is shared out makes
    # single starts, joins and finishes wander inside their ticks, but not the totals printed.
    checked = _out if _cpu_spans else _log + _out
    late = [e for e in checked if not (e["k"] - (0.6 if _cpu_spans else 0.1) <= e["t"] <= e["k"] + slack)]
    if late:
        _b.print("NOISY " + _json.dumps([[round(e["t"], 2), e["k"], e["th"], e.get("op", "print")] for e in late[:5]]))
    # the interpreter must exit on time too, or daemon threads get to run past their end
    exit_k = max([_k()] + [t._kend for t in _started if not t.daemon])
    if any(t.daemon for t in _started) and _t() > exit_k + 0.8:
        _b.print("NOISY exit at %.2f, expected tick %d" % (_t(), exit_k))
    # corrected CPU-bound timings are only trusted when little was taken by other processes
    if _stolen() > 4 * TICK:
        _b.print("NOISY cpu taken by other processes: %.3f s" % _stolen())
    _b.print("ANSWER " + _json.dumps(answer))
    _sys.stdout.flush()

`;

/** Edition 1 ends here: the answer may read logical ticks (`e["k"]`). */
const REGISTER_LOGICAL = String.raw`
_atexit.register(lambda: _emit(_answer()))
`;

/**
 * Edition 2: answers name measured times. `_at(e)` is the whole tick nearest to when event
 * `e` really happened; a time more than MEASURE_TOLERANCE of a tick from every whole tick is
 * drift: the run prints NOISY (and the oracle re-runs it), whatever the answer.
 */
const MEASURED = String.raw`
_TOL = __TOL__
_drift = []


def _at(e):
    # the whole tick nearest to when e really happened (measured, not the logical tick)
    r = round(e["t"])
    if abs(e["t"] - r) > _TOL:
        _drift.append([round(e["t"], 2), e["th"], e.get("op", "print")])
    return r


def _holder_at_measured(obj, x):
    # who held lock obj at x ticks of real time, replaying its acquires and releases as timed
    holder, count = None, 0
    for e in _log:
        if e["obj"] is not obj or e["exc"] or e["op"] not in ("acquire", "release?"):
            continue
        if e["op"] == "acquire" and not e["val"]:
            continue
        _at(e)
        if e["t"] > x:
            continue
        if e["op"] == "acquire":
            holder, count = e["th"], count + 1
        else:
            count = max(0, count - 1) if holder is not None else 0
            if count == 0:
                holder = None
    return holder


import os as _os, select as _select, socket as _socket


def read_pipe(n):
    # the shown read_pipe at the program's time scale: data arrives at tick k + n
    k = _k() + n
    r, w = _os.pipe()
    _th.Timer(_until(k), _os.write, (w, b"x")).start()
    _os.read(r, 1)
    _os.close(r)
    _os.close(w)
    _setk(k)


def wait_readable(n):
    # the shown wait_readable at the program's time scale: select() until tick k + n
    k = _k() + n
    a, b = _socket.socketpair()
    while _until(k) > 0:
        _select.select([a], [], [], _until(k))
    a.close()
    b.close()
    _setk(k)


def _emit_measured():
    answer = _answer()
    if not _cpu_spans:
        # a step later than _TOL after its tick could read as the next whole tick: drift too
        _drift.extend([round(e["t"], 2), e["th"], e.get("op", "print")] for e in _log + _out if e["t"] > e["k"] + _TOL)
    if _drift:
        _b.print("NOISY drift: " + _json.dumps(_drift[:5]))
    _emit(answer)


_atexit.register(_emit_measured)
`;

/** How far (in ticks) a measured event may lie from a whole tick before the run counts as drifted. */
export const MEASURE_TOLERANCE = 0.35;

/**
 * Edition 3, for programs that burn CPU (gil-runtime): edition 2 and two changes.
 * - `_stolen()` counts only the cpu_work calls that ended before any still running began. A
 *   call beside a running one shared the GIL with it, and how much is known only when that one
 *   ends: counted early, its shared time read as CPU taken by other processes, the clock ran
 *   slow, and a thread asleep meanwhile woke a tick late without any check noticing (oracle,
 *   gil-runtime t3 seed 515742197: printed 10 s for 9 s on a busy machine, no NOISY).
 * - Every wait (sleep, read_pipe, wait_readable) that returns later than the tolerance after its
 *   tick is drift, as every step already is in programs without CPU work.
 */
const CPU_MEASURED = String.raw`
_running = {}


def cpu_work(n):
    me = _th.get_ident()
    w0, c0 = _time.monotonic(), _time.thread_time()
    _running[me] = w0
    end = c0 + n * TICK
    while _time.thread_time() < end:
        pass
    _cpu_spans.append((w0, _time.monotonic(), _time.thread_time() - c0))
    del _running[me]
    _setk(max(_k(), round(perf_counter())))


def _stolen():
    # as edition 2, over the cpu_work calls that ended before any still running began
    running = list(_running.values())
    cut = min(running) if running else None
    spans = sorted(s for s in list(_cpu_spans) if cut is None or s[1] <= cut)
    union, cur_a, cur_b = 0.0, None, None
    for a, b, _ in spans:
        if cur_b is None or a > cur_b:
            if cur_b is not None:
                union += cur_b - cur_a
            cur_a, cur_b = a, b
        else:
            cur_b = max(cur_b, b)
    if cur_b is not None:
        union += cur_b - cur_a
    return max(0.0, union - sum(c for _, _, c in spans))


def _on_time(wait):
    # a wait that returns later than _TOL after its tick is drift
    def checked(n):
        k = _k() + n
        wait(n)
        if _t() > k + _TOL:
            _drift.append([round(_t(), 2), _me(), wait.__name__])
    return checked


sleep, read_pipe, wait_readable = _on_time(sleep), _on_time(read_pipe), _on_time(wait_readable)
`;

/**
 * The runnable program: prelude, the shown body unchanged, then `_answer()` (a Python
 * function body computing the answer from what really happened). Edition 1 (kept for the
 * programs of stored refs) may print logical ticks; edition 2 offers `_at(e)` and
 * `_holder_at_measured(lock, x)`, which read the measured times and flag drift; edition 3
 * adds CPU_MEASURED's checks for programs that burn CPU.
 */
export function exportProgram(spec: ProgramSpec, answerBody: readonly string[], opts: RenderOptions = {}, tick = EXPORT_TICK, edition: 1 | 2 | 3 = 1): Program {
  const measured = MEASURED.replace('__TOL__', String(MEASURE_TOLERANCE));
  const tail = edition === 1 ? REGISTER_LOGICAL : edition === 2 ? measured : measured + CPU_MEASURED;
  const source = [
    PRELUDE.replace('__TICK__', String(tick)) + tail,
    '',
    'def _answer():',
    ...answerBody.map((l) => `    ${l}`),
    '',
    '',
    '# ---- the scenario, exactly as shown (the clock starts here) ----',
    '_T0 = _time.monotonic()',
    ...renderBody(spec, opts),
    '',
  ].join('\n');
  return { language: 'python', source };
}
