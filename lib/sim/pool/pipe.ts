/**
 * `multiprocessing.Pipe` ends, as CPython's `multiprocessing/connection.py` builds them on
 * Linux: `Pipe()` (duplex) is one `socket.socketpair()`, both ends send and receive;
 * `Pipe(duplex=False)` is one `os.pipe()` and returns `(reader, writer)`: the first end only
 * receives, the second only sends. Either way two file descriptors, one per end.
 * `Connection._check_readable` / `_check_writable` raise `OSError` on the wrong end, a closed
 * end raises `OSError('handle is closed')`, `recv()` with nothing buffered and the other end
 * closed raises `EOFError`, `send()` with the other end closed raises `BrokenPipeError`
 * (an `OSError`: CPython ignores SIGPIPE). Pool's task and result queues are `SimpleQueue`s,
 * each one `Pipe(duplex=False)` plus a lock.
 */

/** The two ends a `Pipe(...)` call returns, in order. */
export interface PipeSpec {
  readonly duplex: boolean;
  /** Names the program unpacks the pair into: `[first, second] = Pipe(...)`. */
  readonly ends: readonly [string, string];
}

export type PipeCall =
  | { readonly kind: 'send'; readonly end: string; readonly value: number }
  | { readonly kind: 'recv'; readonly end: string }
  | { readonly kind: 'poll'; readonly end: string }
  | { readonly kind: 'close'; readonly end: string };

/** What a call does: returns (a value for recv/poll), or raises. */
export type PipeOutcome =
  | { readonly kind: 'returned'; readonly value: number | boolean | null }
  | { readonly kind: 'raised'; readonly error: 'OSError' | 'BrokenPipeError' | 'EOFError'; readonly why: PipeRaiseReason }
  /** recv() with nothing buffered and the other end open: waits forever (scenarios avoid it). */
  | { readonly kind: 'blocks' };

export type PipeRaiseReason = 'read-only' | 'write-only' | 'closed' | 'peer-closed';

/**
 * Wrong models a learner may hold; `runPipes` under one gives that learner's outcomes.
 * - `always-duplex`: every end both sends and receives, whatever `duplex` says.
 * - `first-end-sends`: `Pipe(duplex=False)` returns `(writer, reader)`.
 */
export type PipeBelief = 'always-duplex' | 'first-end-sends';

interface EndState {
  readonly pipe: number;
  readonly side: 0 | 1;
  readonly readable: boolean;
  readonly writable: boolean;
  closed: boolean;
  /** Values sent to this end, not yet received. */
  readonly inbox: number[];
}

/** The ends of `pipes` under a belief (or none), by name. */
function endsOf(pipes: readonly PipeSpec[], belief: PipeBelief | null): Map<string, EndState> {
  const ends = new Map<string, EndState>();
  pipes.forEach((p, pipe) => {
    const duplex = p.duplex || belief === 'always-duplex';
    const readerSide = belief === 'first-end-sends' ? 1 : 0;
    p.ends.forEach((n, i) => {
      const side = i as 0 | 1;
      ends.set(n, { pipe, side, readable: duplex || side === readerSide, writable: duplex || side !== readerSide, closed: false, inbox: [] });
    });
  });
  return ends;
}

function peerOf(ends: ReadonlyMap<string, EndState>, e: EndState): EndState {
  for (const x of ends.values()) if (x.pipe === e.pipe && x.side !== e.side) return x;
  throw new Error('a pipe end without its peer');
}

const raised = (error: 'OSError' | 'BrokenPipeError' | 'EOFError', why: PipeRaiseReason): PipeOutcome => ({ kind: 'raised', error, why });

/** The outcome of each call, in order, run against the pipes (under `belief`, the outcomes that learner expects). */
export function runPipes(pipes: readonly PipeSpec[], calls: readonly PipeCall[], belief: PipeBelief | null = null): PipeOutcome[] {
  const ends = endsOf(pipes, belief);
  return calls.map((c) => {
    const e = ends.get(c.end);
    if (!e) throw new Error(`no pipe end named ${c.end}`);
    if (c.kind === 'close') {
      e.closed = true;
      return { kind: 'returned', value: null };
    }
    if (e.closed) return raised('OSError', 'closed');
    const peer = peerOf(ends, e);
    if (c.kind === 'send') {
      if (!e.writable) return raised('OSError', 'read-only');
      if (peer.closed) return raised('BrokenPipeError', 'peer-closed');
      peer.inbox.push(c.value);
      return { kind: 'returned', value: null };
    }
    if (!e.readable) return raised('OSError', 'write-only');
    if (c.kind === 'poll') return { kind: 'returned', value: e.inbox.length > 0 || peer.closed };
    const v = e.inbox.shift();
    if (v !== undefined) return { kind: 'returned', value: v };
    return peer.closed ? raised('EOFError', 'peer-closed') : { kind: 'blocks' };
  });
}

/** File descriptors the pipes hold open: two per `Pipe(...)` call, duplex or not. */
export function pipeFds(pipes: readonly PipeSpec[]): number {
  return 2 * pipes.length;
}

/** Python source of a call. */
export function pipeCallCode(c: PipeCall): string {
  return c.kind === 'send' ? `${c.end}.send(${c.value})` : `${c.end}.${c.kind}()`;
}
