'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useMemo, useRef } from 'react';
import { eventText, goalText, stepLabel } from '@/lib/questions/challenge/explain';
import type { Lang } from '@/lib/questions/types';
import {
  applyMove,
  exited,
  IMPOSSIBLE,
  initialState,
  isRunnable,
  legalMoves,
  nextTimer,
  outcome,
  solve,
  TICK,
  type ChallengeProgram,
  type ChallengeState,
  type Goal,
  type Move,
  type StepEvent,
  type ThreadState,
} from '@/lib/sim/challenge';

type Value = string | string[] | null;

/** The moves in a response value (an answer of "impossible" has none). */
export function movesOf(value: Value): Move[] {
  return Array.isArray(value) ? value : [];
}

/** What a thread is doing, for its status line. */
function threadStatus(program: ChallengeProgram, state: ChallengeState, name: string, t: ReturnType<typeof useTranslations>): string {
  const thread = program.threads.find((x) => x.name === name);
  const ts = state.threads[name] as ThreadState;
  if (!thread) return '';
  if (ts.pc >= thread.body.length) return t('finished');
  if (exited(program, state)) return t('killed');
  if (ts.wait?.kind === 'sleep') return t('sleeping', { until: ts.wait.until });
  if (ts.wait?.kind === 'acquire') return t('waitsTimed', { lock: ts.wait.lock, until: ts.wait.until });
  if (isRunnable(program, state, name)) return t('runnable');
  const instr = thread.body[ts.pc];
  if (instr?.op === 'acquire') return t('waitsLock', { lock: instr.lock, owner: state.locks[instr.lock]?.owner ?? '—' });
  if (instr?.op === 'wait') return t('waitsEvent', { event: instr.event });
  return t('blocked');
}

/**
 * "Be the scheduler": the learner runs any runnable thread one step (digit keys), lets the
 * clock run to the next timer (T), undoes (U), opens a hint (practice only), or answers
 * "impossible" (I). The schedule played so far is the response the grader replays.
 */
export function ChallengeBoard({
  program,
  goal,
  maxMoves,
  lang,
  value,
  onChange,
  disabled,
  assist = false,
}: {
  program: ChallengeProgram;
  goal: Goal;
  maxMoves: number;
  lang: Lang;
  value: Value;
  onChange: (value: Value) => void;
  disabled: boolean;
  /** Practice: show the par once won and offer a hint. */
  assist?: boolean;
}) {
  const t = useTranslations('challenge');
  const board = useRef<HTMLElement>(null);
  const moves = movesOf(value);
  const saidImpossible = value === IMPOSSIBLE;
  const movesKey = moves.join(' ');
  const { states, log } = useMemo(() => {
    const ss: ChallengeState[] = [initialState(program)];
    const events: StepEvent[][] = [];
    for (const m of movesKey ? movesKey.split(' ') : []) {
      // A saved response that no longer replays stops where it stops being legal.
      if (!legalMoves(program, ss[ss.length - 1] as ChallengeState).includes(m)) break;
      const r = applyMove(program, ss[ss.length - 1] as ChallengeState, m);
      ss.push(r.state);
      events.push([...r.events]);
    }
    return { states: ss, log: events };
  }, [program, movesKey]);
  const state = states[states.length - 1] as ChallengeState;
  const result = outcome(program, state, goal);
  const legal = result === 'open' && moves.length < maxMoves ? legalMoves(program, state) : [];
  const hint = useMemo(() => (assist && result === 'open' ? (solve(program, goal, state).par?.[0] ?? null) : undefined), [assist, result, program, goal, state]);
  const par = useMemo(() => (assist && result === 'won' ? solve(program, goal).par : null), [assist, result, program, goal]);

  const play = (move: Move) => {
    if (!disabled && legal.includes(move)) onChange([...moves, move]);
  };
  const undo = () => {
    if (disabled) return;
    if (saidImpossible) onChange([]);
    else if (moves.length > 0) onChange(moves.slice(0, -1));
  };
  const sayImpossible = () => {
    if (!disabled) onChange(IMPOSSIBLE);
  };

  useEffect(() => {
    if (disabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
      // With several boards on a page (an exam), keys go to the one that has the focus.
      const alone = document.querySelectorAll('[data-challenge-board]').length === 1;
      if (!alone && !board.current?.contains(document.activeElement)) return;
      const key = event.key.toLowerCase();
      let handled = true;
      if (/^[1-9]$/.test(key)) play(`T${key}`);
      else if (key === 't') play(TICK);
      // Nothing to undo here: the key is left to the page (a drill's own undo).
      else if (key === 'u' && (moves.length > 0 || saidImpossible)) undo();
      else if (key === 'i') sayImpossible();
      else if (key === 'enter' && target?.tagName !== 'BUTTON' && target?.tagName !== 'SUMMARY' && board.current?.closest('form')) board.current.closest('form')?.requestSubmit();
      else handled = false;
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const timer = nextTimer(program, state);
  return (
    <section ref={board} className="space-y-4" data-testid="challenge-board" data-challenge-board aria-label={t('board')}>
      <p className="rounded-md border border-line bg-surface p-3 font-medium" data-testid="challenge-goal">
        {goalText(goal)[lang]}
      </p>
      <p className="text-sm text-muted">{t('keys')}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        {program.threads.map((thread, i) => {
          const ts = state.threads[thread.name] as ThreadState;
          const holds = program.locks.filter((l) => state.locks[l.name]?.owner === thread.name).map((l) => `${l.name}×${state.locks[l.name]?.count}`);
          const can = legal.includes(thread.name);
          return (
            <div key={thread.name} className="space-y-2 rounded-md border border-line bg-surface p-3" data-testid={`thread-${thread.name}`} data-runnable={can ? 'yes' : 'no'}>
              <div className="flex items-center justify-between gap-2">
                <h3 className="font-mono font-bold">
                  {thread.name}
                  {thread.daemon ? ` (${t('daemon')})` : ''}
                </h3>
                <button type="button" className="btn-secondary px-2 py-1 text-sm" disabled={disabled || !can} onClick={() => play(thread.name)} data-testid={`run-${thread.name}`}>
                  {t('run', { thread: thread.name, key: i + 1 })}
                </button>
              </div>
              <p className="text-sm" data-testid={`status-${thread.name}`}>
                {threadStatus(program, state, thread.name, t)}
                {holds.length > 0 ? ` · ${t('holds', { locks: holds.join(', ') })}` : ''}
                {ts.reg !== null ? ` · reg = ${ts.reg}` : ''}
              </p>
              <ol className="font-mono text-xs">
                {thread.body.map((instr, k) => (
                  <li key={k} className={k === ts.pc ? 'bg-accent text-on-accent' : k < ts.pc ? 'text-muted line-through' : ''} aria-current={k === ts.pc ? 'step' : undefined}>
                    {stepLabel(instr)}
                  </li>
                ))}
              </ol>
            </div>
          );
        })}
      </div>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4" data-testid="challenge-world">
        <dt className="text-muted">{t('clock')}</dt>
        <dd className="font-mono" data-testid="challenge-clock">t={state.clock}</dd>
        {program.events.map((e) => (
          <div key={e} className="contents">
            <dt className="text-muted">{t('event', { event: e })}</dt>
            <dd className="font-mono">{state.events[e] ? 'set' : 'clear'}</dd>
          </div>
        ))}
        {program.counter && (
          <>
            <dt className="text-muted">counter</dt>
            <dd className="font-mono" data-testid="challenge-counter">{state.counter}</dd>
          </>
        )}
        <dt className="text-muted">{t('moves')}</dt>
        <dd className="font-mono" data-testid="challenge-moves">{moves.length}</dd>
      </dl>
      <div>
        <h3 className="text-sm font-medium">{t('output')}</h3>
        <pre className="min-h-8 rounded-md border border-line bg-surface p-2 text-sm" data-testid="challenge-output">
          {state.output.join('\n')}
        </pre>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" disabled={disabled || !legal.includes(TICK)} onClick={() => play(TICK)} data-testid="challenge-tick">
          {timer === null ? t('noTimer') : t('tick', { to: timer })}
        </button>
        <button type="button" className="btn-secondary" disabled={disabled || (moves.length === 0 && !saidImpossible)} onClick={undo} data-testid="challenge-undo">
          {t('undo')}
        </button>
        <button type="button" className="btn-secondary" disabled={disabled || saidImpossible} onClick={sayImpossible} data-testid="challenge-impossible">
          {t('impossible')}
        </button>
      </div>
      <div aria-live="polite" className="space-y-1 text-sm">
        {saidImpossible && <p data-testid="challenge-said-impossible">{t('saidImpossible')}</p>}
        {!saidImpossible && result === 'won' && (
          <p className="font-medium" data-testid="challenge-won">
            {t('won', { moves: moves.length })}
            {par ? ` ${t('par', { par: par.length, over: Math.max(0, moves.length - par.length) })}` : ''}
          </p>
        )}
        {!saidImpossible && result === 'lost' && <p data-testid="challenge-lost">{t('lost')}</p>}
        {hint !== undefined && !saidImpossible && (
          <details data-testid="challenge-hint">
            <summary className="cursor-pointer">{t('hint')}</summary>
            <p>{hint === null ? t('hintNone') : hint === TICK ? t('hintTick') : t('hintThread', { thread: hint })}</p>
          </details>
        )}
      </div>
      {log.length > 0 && (
        <details className="text-sm">
          <summary className="cursor-pointer">{t('history')}</summary>
          <ol className="list-decimal pl-6" data-testid="challenge-history">
            {log.map((events, i) => (
              <li key={i}>{events.map((e) => eventText(e)[lang]).join('; ')}</li>
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}
