/**
 * Runnable programs for the pool questions. The code learners see runs unchanged, after a
 * prelude that counts what really crosses the pool's pipes: it wraps
 * `multiprocessing.connection.Connection`'s `_send_bytes`/`_send` (parent → task pipe) and
 * `_recv_bytes`/`_recv` (result pipe → parent) for the connections of the pool the program
 * creates, from the moment the pool exists until it is closed or terminated (so the
 * shutdown sentinels are not counted). `_STATS` then holds the payload size of every
 * message and the raw bytes written/read, headers included. The prelude also restarts
 * `multiprocessing.pool.job_counter`, so the program's first call gets job 0 even when
 * several programs run in one interpreter.
 */
import type { Program } from '../types';

export const POOL_PRELUDE = String.raw`# Exported by Lockstep: counts the real messages on the pool's pipes.
import itertools as _itertools, json as _json
import multiprocessing as _mp, multiprocessing.connection as _mpc, multiprocessing.pool as _mpool

_STATS = {"task": [], "result": [], "task_wire": 0, "result_wire": 0}
_WATCH = {}
_C = _mpc.Connection
if not hasattr(_C, "_lockstep_orig"):
    _C._lockstep_orig = (_C._send_bytes, _C._recv_bytes, _C._send, _C._recv)
    _mpool.Pool._lockstep_orig = (_mpool.Pool._setup_queues, _mpool.Pool.close, _mpool.Pool.terminate)
_o_send_bytes, _o_recv_bytes, _o_send, _o_recv = _C._lockstep_orig
_o_setup, _o_close, _o_terminate = _mpool.Pool._lockstep_orig


def _send_bytes(self, buf):
    if self is _WATCH.get("task"):
        _STATS["task"].append(len(buf))
    return _o_send_bytes(self, buf)


def _recv_bytes(self, maxsize=None):
    buf = _o_recv_bytes(self, maxsize)
    if self is _WATCH.get("result"):
        _STATS["result"].append(len(buf.getbuffer()))
    return buf


def _send(self, buf, *args):
    if self is _WATCH.get("task"):
        _STATS["task_wire"] += len(buf)
    return _o_send(self, buf, *args)


def _recv(self, size, *args):
    buf = _o_recv(self, size, *args)
    if self is _WATCH.get("result"):
        _STATS["result_wire"] += len(buf.getbuffer())
    return buf


def _setup_queues(self):
    _o_setup(self)
    _WATCH["task"] = self._inqueue._writer
    _WATCH["result"] = self._outqueue._reader


def _close(self):
    _WATCH.clear()
    return _o_close(self)


def _terminate(self):
    _WATCH.clear()
    return _o_terminate(self)


_C._send_bytes, _C._recv_bytes, _C._send, _C._recv = _send_bytes, _recv_bytes, _send, _recv
_mpool.Pool._setup_queues, _mpool.Pool.close, _mpool.Pool.terminate = _setup_queues, _close, _terminate
_mpool.job_counter = _itertools.count()


def _answer(value):
    print("ANSWER " + _json.dumps(value, ensure_ascii=False))

# ---------------------------------------------------------------- the scenario
`;

/** A program: the prelude, the shown code (whose main block ends with `after`), the answer. */
export function poolProgram(source: string): Program {
  return { language: 'python', source: `${POOL_PRELUDE}\n${source}` };
}
