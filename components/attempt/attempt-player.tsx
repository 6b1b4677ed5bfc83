'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore, useTransition } from 'react';
import { PromptView } from '@/components/question/prompt-view';
import { initialResponse, ResponseInput, responseToSend, type ResponseValue } from '@/components/question/response-input';
import type { SaveAction, SubmitAction } from '@/lib/attempts/action-state';
import type { AttemptQuestionView } from '@/lib/attempts/service';
import type { Verdict } from '@/lib/questions/verdict';
import type { Lang, QuestionRef } from '@/lib/questions/types';
import { Countdown } from './countdown';
import { FeedbackView } from './feedback-view';


/** The question's permalink, for review once the attempt's answers are released. */
const practiceHref = (ref: QuestionRef) => `/practice/${encodeURIComponent(ref.generator)}?tier=${ref.tier}&seed=${ref.seed}&v=${ref.version}`;

type SaveStatus = 'idle' | 'saving' | 'saved' | 'invalid' | 'removed' | 'refused-closed' | 'refused-submitted' | 'refused-final' | 'error' | 'network' | 'answer-first';

function QuestionItem({
  attemptId,
  item,
  lang,
  locked,
  flagged,
  save,
  onAnswered,
  onToggleFlag,
  onClosed,
  onSubmitted,
  explanationOpen,
  onToggleExplanation,
}: {
  attemptId: string;
  item: AttemptQuestionView;
  lang: Lang;
  locked: boolean;
  flagged: boolean;
  save: SaveAction;
  onAnswered: (position: number) => void;
  onToggleFlag: (position: number) => void;
  onClosed: () => void;
  onSubmitted: () => void;
  explanationOpen: boolean;
  onToggleExplanation: () => void;
}) {
  const t = useTranslations('exams.attempt');
  const question = item.question;
  const [value, setValue] = useState<ResponseValue>(() => (question ? initialResponse(question.response, item.response) : null));
  // What the server last stored: a refused answer falls back to it, so it never looks saved.
  const savedValue = useRef<ResponseValue>(value);
  const [status, setStatus] = useState<SaveStatus>(item.answered ? 'saved' : 'idle');
  const [feedback, setFeedback] = useState<Verdict | null>(item.feedback);
  const [answered, setAnswered] = useState(item.answered);
  const shownAt = useRef(0);
  const headingId = `q-${item.position}-title`;

  useEffect(() => {
    shownAt.current = performance.now();
  }, []);

  const send = useCallback(
    async (response: ResponseValue) => {
      if (!question) return;
      const payload = responseToSend(question.response, response);
      if (payload === null) {
        setStatus('answer-first');
        return;
      }
      setStatus('saving');
      try {
        const result = await save({ attemptId, position: item.position, response: payload, durationMs: Math.max(0, Math.round(performance.now() - shownAt.current)) });
        if (result.status === 'saved') {
          savedValue.current = response;
          setStatus('saved');
          setAnswered(true);
          setFeedback(result.feedback);
          onAnswered(item.position);
          return;
        }
        // Refused for good: the input goes back to what is stored, and the refusal shows here.
        if (result.status === 'closed' || result.status === 'submitted' || result.status === 'removed' || result.status === 'final') setValue(savedValue.current);
        if (result.status === 'closed') {
          setStatus('refused-closed');
          onClosed();
        } else if (result.status === 'submitted') {
          setStatus('refused-submitted');
          onSubmitted();
        } else if (result.status === 'invalid') {
          setStatus('invalid');
        } else if (result.status === 'removed') {
          setStatus('removed');
        } else if (result.status === 'final') {
          setStatus('refused-final');
        } else {
          setStatus('error');
        }
      } catch {
        setStatus('network');
      }
    },
    [attemptId, item.position, question, save, onAnswered, onClosed, onSubmitted],
  );

  if (!question) {
    return (
      <li className="card space-y-2" aria-labelledby={headingId}>
        <h2 id={headingId} className="text-lg font-semibold">
          {t('question', { n: item.position + 1 })}
        </h2>
        <p className="text-muted">{t('unavailable')}</p>
      </li>
    );
  }

  const spec = question.response;
  const savesOnChange = spec.kind === 'choice' || spec.kind === 'multi' || spec.kind === 'ordering';
  const message: Record<SaveStatus, string | null> = {
    idle: answered ? t('saved') : t('notAnswered'),
    saving: t('saving'),
    saved: t('saved'),
    invalid: t('invalidAnswer'),
    removed: t('removed'),
    'refused-closed': t('refusedClosed'),
    'refused-submitted': t('refusedSubmitted'),
    'refused-final': t('refusedFinal'),
    error: t('error'),
    network: t('networkError'),
    'answer-first': t('answerFirst'),
  };
  const isProblem = status !== 'idle' && status !== 'saving' && status !== 'saved';
  const inputId = `answer-${item.position}`;

  // Once its feedback shows (answers after each question), the answer is final.
  const final = locked || feedback !== null;

  return (
    <li id={`question-${item.position + 1}`} className="card scroll-mt-28 space-y-4" aria-labelledby={headingId} data-testid={`attempt-question-${item.position}`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <h2 id={headingId} className="text-lg font-semibold">
          {t('question', { n: item.position + 1 })}: {question.title[lang]}
        </h2>
        {!locked && (
          <button type="button" className="btn-secondary px-2 py-1 text-sm" aria-pressed={flagged} onClick={() => onToggleFlag(item.position)} data-testid="flag">
            {flagged ? t('unflag') : t('flag')}
          </button>
        )}
      </div>
      <PromptView blocks={question.prompt} lang={lang} />
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          void send(value);
        }}
      >
        {spec.kind === 'number' || spec.kind === 'text' ? (
          <div>
            <label htmlFor={inputId} className="mb-1 block text-sm font-medium">
              {t('yourAnswer')}
              {spec.kind === 'number' && spec.unit ? ` (${spec.unit[lang]})` : ''}
            </label>
            <input
              id={inputId}
              type={spec.kind === 'number' ? 'number' : 'text'}
              inputMode={spec.kind === 'number' ? (spec.integer ? 'numeric' : 'decimal') : undefined}
              step={spec.kind === 'number' ? (spec.integer ? 1 : 'any') : undefined}
              min={spec.kind === 'number' ? spec.min : undefined}
              max={spec.kind === 'number' ? spec.max : undefined}
              maxLength={spec.kind === 'text' ? spec.maxLength : undefined}
              value={typeof value === 'string' ? value : ''}
              disabled={final}
              onChange={(e) => setValue(e.target.value)}
              className="field-input max-w-xs"
              data-testid="response-field"
            />
          </div>
        ) : (
          <ResponseInput
            spec={spec}
            lang={lang}
            value={value}
            disabled={final}
            reveal={feedback?.answer}
            onChange={(next) => {
              setValue(next);
              if (savesOnChange) void send(next);
            }}
          />
        )}
        <div className="flex flex-wrap items-center gap-3">
          {!savesOnChange && !final && (
            <button type="submit" className="btn-secondary" disabled={status === 'saving'} data-testid="save-answer">
              {t('save')}
            </button>
          )}
          <p className={isProblem ? 'field-error' : 'text-sm text-muted'} aria-live="polite" data-testid="save-status" data-status={status}>
            {message[status]}
          </p>
        </div>
      </form>
      {feedback && <FeedbackView feedback={feedback} answered={answered} lang={lang} open={explanationOpen} onToggle={onToggleExplanation} />}
      {item.ref && (
        <Link href={practiceHref(item.ref)} className="text-sm underline" data-testid="practice-link">
          {t('practiceLink')}
        </Link>
      )}
    </li>
  );
}

// Flags are the student's own notes, kept in this browser only (localStorage, per attempt),
// so a reload keeps them; without storage they last as long as the page.
const flagListeners = new Set<() => void>();
const flagMemory = new Map<string, string>();

function readFlags(key: string): string {
  try {
    return flagMemory.get(key) ?? window.localStorage.getItem(key) ?? '[]';
  } catch {
    return flagMemory.get(key) ?? '[]';
  }
}

function parseFlags(raw: string): ReadonlySet<number> {
  try {
    const list = JSON.parse(raw) as unknown;
    return new Set(Array.isArray(list) ? list.filter((x): x is number => Number.isInteger(x)) : []);
  } catch {
    return new Set();
  }
}

function useFlags(attemptId: string): [ReadonlySet<number>, (position: number) => void] {
  const key = `lockstep:flags:${attemptId}`;
  const raw = useSyncExternalStore(
    (listener) => {
      flagListeners.add(listener);
      return () => flagListeners.delete(listener);
    },
    () => readFlags(key),
    () => '[]',
  );
  const flagged = useMemo(() => parseFlags(raw), [raw]);
  const toggle = useCallback(
    (position: number) => {
      const next = new Set(parseFlags(readFlags(key)));
      if (!next.delete(position)) next.add(position);
      const text = JSON.stringify([...next].sort((a, b) => a - b));
      flagMemory.set(key, text);
      try {
        window.localStorage.setItem(key, text);
      } catch {
        // No storage: the in-memory copy serves this page.
      }
      for (const listener of flagListeners) listener();
    },
    [key],
  );
  return [flagged, toggle];
}

/**
 * All questions of an attempt on one page. Each answer is saved (and graded) as it is given;
 * the countdown is only a display: the server refuses answers after the deadline. A bar that
 * stays at the top holds the time left (with spoken warnings at 5 and 1 minutes), how many
 * questions are answered, and a navigator (answered / not answered / flagged, jump to any).
 * Handing in with blanks or flags first shows a summary to confirm.
 */
export function AttemptPlayer({
  attemptId,
  questions,
  lang,
  remainingMs,
  submitted,
  save,
  submit,
}: {
  attemptId: string;
  questions: AttemptQuestionView[];
  lang: Lang;
  remainingMs: number | null;
  submitted: boolean;
  save: SaveAction;
  submit: SubmitAction;
}) {
  const t = useTranslations('exams.attempt');
  const router = useRouter();
  const [closed, setClosed] = useState<'timeout' | 'submitted' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const [openExplanation, setOpenExplanation] = useState<number | null>(null);
  const [answered, setAnswered] = useState<ReadonlySet<number>>(() => new Set(questions.filter((q) => q.answered).map((q) => q.position)));
  const [flagged, toggleFlag] = useFlags(attemptId);
  const [reviewing, setReviewing] = useState(false);
  const closedRef = useRef<HTMLDivElement>(null);
  const locked = submitted || closed !== null;

  const onAnswered = useCallback((position: number) => setAnswered((current) => (current.has(position) ? current : new Set(current).add(position))), []);
  const onClosed = useCallback(() => setClosed('timeout'), []);
  const onSubmitted = useCallback(() => setClosed('submitted'), []);
  const onExpire = useCallback(() => router.refresh(), [router]);

  // A refusal shown at the top of the page is brought into view.
  useEffect(() => {
    if (closed) closedRef.current?.scrollIntoView({ block: 'center' });
  }, [closed]);

  const handIn = () => {
    setReviewing(false);
    start(async () => {
      try {
        const result = await submit({ attemptId });
        if (result.status === 'submitted') {
          router.refresh();
          // The score appears at the top of the page: show it.
          window.scrollTo({ top: 0 });
        } else setProblem(t('error'));
      } catch {
        setProblem(t('networkError'));
      }
    });
  };

  const unanswered = questions.filter((q) => q.question && !answered.has(q.position)).map((q) => q.position + 1);
  const flaggedList = [...flagged].sort((a, b) => a - b).map((p) => p + 1);
  const askFirst = unanswered.length > 0 || flaggedList.length > 0;

  return (
    <div className="space-y-6" data-testid="attempt-player">
      {!locked && (
        <div className="sticky top-0 z-10 -mx-2 space-y-2 rounded-b-md border-b border-line bg-surface/95 px-2 py-2 backdrop-blur" data-testid="attempt-bar">
          <div className="flex flex-wrap items-center justify-between gap-3">
            {remainingMs !== null && <Countdown remainingMs={remainingMs} onExpire={onExpire} />}
            <p className="text-sm" data-testid="answered-count">
              {t('answeredCount', { answered: answered.size, total: questions.length })}
            </p>
          </div>
          <nav aria-label={t('navigator')}>
            <ol className="flex flex-wrap gap-1" data-testid="navigator">
              {questions.map((q) => {
                const isAnswered = answered.has(q.position);
                const isFlagged = flagged.has(q.position);
                const state = [isAnswered ? t('navAnswered') : t('navUnanswered'), ...(isFlagged ? [t('navFlagged')] : [])].join(', ');
                return (
                  <li key={q.position}>
                    <a
                      href={`#question-${q.position + 1}`}
                      className={`inline-flex h-8 min-w-8 items-center justify-center rounded border px-1 font-mono text-sm ${isAnswered ? 'border-accent bg-accent text-on-accent' : 'border-line'} ${isFlagged ? 'ring-2 ring-warn' : ''}`}
                      aria-label={t('navItem', { n: q.position + 1, state })}
                      data-testid={`nav-${q.position}`}
                      data-answered={isAnswered}
                      data-flagged={isFlagged}
                    >
                      {q.position + 1}
                      {isFlagged && <span aria-hidden="true">⚑</span>}
                    </a>
                  </li>
                );
              })}
            </ol>
          </nav>
        </div>
      )}
      {closed && (
        <div ref={closedRef} className="rounded-md border-l-4 border-warn bg-warn/10 p-4" role="alert" data-testid="attempt-closed">
          <p>{closed === 'timeout' ? t('closed') : t('alreadySubmitted')}</p>
          <button type="button" className="btn-primary mt-3" onClick={() => router.refresh()} data-testid="see-results">
            {t('seeResults')}
          </button>
        </div>
      )}
      <ol className="space-y-6">
        {questions.map((item) => (
          <QuestionItem
            key={item.position}
            attemptId={attemptId}
            item={item}
            lang={lang}
            locked={locked}
            flagged={flagged.has(item.position)}
            save={save}
            onAnswered={onAnswered}
            onToggleFlag={toggleFlag}
            onClosed={onClosed}
            onSubmitted={onSubmitted}
            explanationOpen={openExplanation === item.position}
            onToggleExplanation={() => setOpenExplanation((open) => (open === item.position ? null : item.position))}
          />
        ))}
      </ol>
      {!locked && (
        <div className="space-y-2">
          <p className="text-sm text-muted">{t('submitHint')}</p>
          {reviewing ? (
            <section className="card space-y-3 border-warn" aria-labelledby="review-title" data-testid="hand-in-review">
              <h2 id="review-title" className="text-lg font-semibold">
                {t('reviewTitle')}
              </h2>
              {unanswered.length > 0 ? (
                <p className="text-warn" data-testid="review-blanks">
                  {t('reviewBlanks', { count: unanswered.length, list: unanswered.join(', ') })}
                </p>
              ) : (
                <p>{t('reviewAllAnswered', { total: questions.length })}</p>
              )}
              {flaggedList.length > 0 && <p data-testid="review-flagged">{t('reviewFlagged', { list: flaggedList.join(', ') })}</p>}
              <div className="flex flex-wrap gap-3">
                <button type="button" className="btn-primary" onClick={handIn} disabled={pending} data-testid="confirm-hand-in">
                  {t('handIn')}
                </button>
                <button type="button" className="btn-secondary" onClick={() => setReviewing(false)} data-testid="keep-working">
                  {t('keepWorking')}
                </button>
              </div>
            </section>
          ) : (
            <button type="button" className="btn-primary" onClick={askFirst ? () => setReviewing(true) : handIn} disabled={pending} data-testid="submit-attempt">
              {pending ? t('submitting') : t('submit')}
            </button>
          )}
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
