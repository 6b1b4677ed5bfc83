/**
 * Exhaustive search of a challenge's state space: breadth-first over the learner's moves,
 * each state visited once (memoized by its canonical key), so the first winning state
 * found is reached by a shortest schedule — the par. Programs are straight-line and
 * finite, so the space is finite and the search always ends.
 */
import { applyMove, initialState, legalMoves, outcome } from './step';
import type { ChallengeProgram, ChallengeState, Goal, LockState, Move, ThreadState } from './types';

/**
 * A state as a string that is equal exactly when the states are (threads, locks and events are
 * keyed in program order, so the same state always lists them alike). Names are the program's
 * identifiers (T1, L, done...), which never hold the separators; printed lines, which could,
 * go in as JSON. Built field by field: the search makes one key per state it reaches, and
 * JSON.stringify of the whole state was most of a tier 3 search (up to 0.1 s).
 */
export function stateKey(state: ChallengeState): string {
  let key = `${state.clock}|${state.counter}|`;
  for (const name in state.threads) {
    const t = state.threads[name] as ThreadState;
    const wait = t.wait === null ? '' : t.wait.kind === 'sleep' ? `s${t.wait.until}` : `a${t.wait.lock}@${t.wait.until}`;
    key += `${name}:${t.pc},${t.reg ?? ''},${t.got === null ? '' : Number(t.got)},${wait};`;
  }
  key += '|';
  for (const name in state.locks) {
    const l = state.locks[name] as LockState;
    key += `${name}:${l.owner ?? ''},${l.count};`;
  }
  key += '|';
  for (const name in state.events) key += `${name}:${Number(state.events[name])};`;
  return `${key}|${JSON.stringify(state.output)}`;
}

export interface SearchResult {
  /** A shortest winning schedule, or null: no schedule wins ("impossible"). */
  readonly par: readonly Move[] | null;
  /** Distinct states visited. */
  readonly states: number;
  /** False when the search stopped at `maxStates` before deciding: then `par` is null and means nothing. */
  readonly complete: boolean;
}

/**
 * Shortest winning schedule from `from` (the start by default), by breadth-first search;
 * gives up (complete: false) once more than `maxStates` states have been seen.
 */
export function solve(program: ChallengeProgram, goal: Goal, from: ChallengeState = initialState(program), maxStates = Infinity): SearchResult {
  const seen = new Set<string>([stateKey(from)]);
  const start = outcome(program, from, goal);
  if (start === 'won') return { par: [], states: 1, complete: true };
  let frontier: { state: ChallengeState; path: Move[] }[] = start === 'open' ? [{ state: from, path: [] }] : [];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    // Only open states are queued: a lost one leads nowhere, a won one ends the search.
    for (const { state, path } of frontier) {
      for (const move of legalMoves(program, state)) {
        const after = applyMove(program, state, move).state;
        const key = stateKey(after);
        if (seen.has(key)) continue;
        seen.add(key);
        const p = [...path, move];
        const o = outcome(program, after, goal);
        if (o === 'won') return { par: p, states: seen.size, complete: true };
        if (seen.size > maxStates) return { par: null, states: seen.size, complete: false };
        if (o === 'open') next.push({ state: after, path: p });
      }
    }
    frontier = next;
  }
  return { par: null, states: seen.size, complete: true };
}
