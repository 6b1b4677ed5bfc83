'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useRef, useState, useTransition } from 'react';
import { PromptView } from '@/components/question/prompt-view';
import { ResponseInput, type ResponseValue } from '@/components/question/response-input';
import type { SaveActionState, SubmitActionState } from '@/app/(study)/exams/actions';
import type { AttemptQuestionView, Feedback } from '@/lib/attempts/service';
import type { PublicResponseSpec } from '@/lib/questions/public';
import type { Lang, QuestionRef } from '@/lib/questions/types';
import { Countdown } from './countdown';
import { FeedbackView } from './feedback-view';

export type SaveAction = (input: { attemptId: string; position: number; response: unknown; durationMs: number }) => Promise<SaveActionState>;
export type SubmitAction = (input: { attemptId: string }) => Promise<SubmitActionState>;

function initialValue(spec: PublicResponseSpec, saved: unknown): ResponseValue {
  if (spec.kind === 'choice') return typeof saved === 'string' ? saved : null;
  if (spec.kind === 'multi') return Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : [];
  if (spec.kind === 'ordering') return Array.isArray(saved) ? saved.filter((x): x is string => typeof x === 'string') : spec.items.map((i) => i.id);
  if (saved === null || saved === undefined) return '';
  return String(saved);
}

/** The question's permalink, for review once the attempt's answers are released. */
const practiceHref = (ref: QuestionRef) => `/practice/${encodeURIComponent(ref.generator)}?tier=${ref.tier}&seed=${ref.seed}&v=${ref.version}`;

type SaveStatus = 'idle' | 'saving' | 'saved' | 'invalid' | 'removed' | 'error' | 'network' | 'answer-first';

function QuestionItem({
  attemptId,
  item,
  lang,
  locked,
  save,
  onClosed,
  onSubmitted,
  explanationOpen,
  onToggleExplanation,
}: {
  attemptId: string;
  item: AttemptQuestionView;
  lang: Lang;
  locked: boolean;
  save: SaveAction;
  onClosed: () => void;
  onSubmitted: () => void;
  explanationOpen: boolean;
  onToggleExplanation: () => void;
}) {
  const t = useTranslations('exams.attempt');
  const question = item.question;
  const [value, setValue] = useState<ResponseValue>(() => (question ? initialValue(question.response, item.response) : null));
  const [status, setStatus] = useState<SaveStatus>(item.answered ? 'saved' : 'idle');
  const [feedback, setFeedback] = useState<Feedback | null>(item.feedback);
  const [answered, setAnswered] = useState(item.answered);
  const shownAt = useRef(0);
  const headingId = `q-${item.position}-title`;

  useEffect(() => {
    shownAt.current = performance.now();
  }, []);

  const send = useCallback(
    async (response: ResponseValue) => {
      if (!question) return;
      if (response === null || (typeof response === 'string' && response.trim() === '')) {
        setStatus('answer-first');
        return;
      }
      const payload = question.response.kind === 'number' && typeof response === 'string' ? Number(response) : response;
      setStatus('saving');
      try {
        const result = await save({ attemptId, position: item.position, response: payload, durationMs: Math.max(0, Math.round(performance.now() - shownAt.current)) });
        if (result.status === 'saved') {
          setStatus('saved');
          setAnswered(true);
          setFeedback(result.feedback);
        } else if (result.status === 'closed') {
          setStatus('idle');
          onClosed();
        } else if (result.status === 'submitted') {
          setStatus('idle');
          onSubmitted();
        } else if (result.status === 'invalid') {
          setStatus('invalid');
        } else if (result.status === 'removed') {
          setStatus('removed');
        } else {
          setStatus('error');
        }
      } catch {
        setStatus('network');
      }
    },
    [attemptId, item.position, question, save, onClosed, onSubmitted],
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
    error: t('error'),
    network: t('networkError'),
    'answer-first': t('answerFirst'),
  };
  const isProblem = status === 'invalid' || status === 'removed' || status === 'error' || status === 'network' || status === 'answer-first';
  const inputId = `answer-${item.position}`;

  return (
    <li className="card space-y-4" aria-labelledby={headingId} data-testid={`attempt-question-${item.position}`}>
      <h2 id={headingId} className="text-lg font-semibold">
        {t('question', { n: item.position + 1 })}: {question.title[lang]}
      </h2>
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
              disabled={locked}
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
            disabled={locked}
            onChange={(next) => {
              setValue(next);
              if (savesOnChange) void send(next);
            }}
          />
        )}
        <div className="flex flex-wrap items-center gap-3">
          {!savesOnChange && !locked && (
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

/**
 * All questions of an attempt on one page. Each answer is saved (and graded) as it is given;
 * the countdown is only a display: the server refuses answers after the deadline.
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
  const locked = submitted || closed !== null;

  const onClosed = useCallback(() => setClosed('timeout'), []);
  const onSubmitted = useCallback(() => setClosed('submitted'), []);
  const onExpire = useCallback(() => router.refresh(), [router]);

  const handIn = () => {
    start(async () => {
      try {
        const result = await submit({ attemptId });
        if (result.status === 'submitted') router.refresh();
        else setProblem(t('error'));
      } catch {
        setProblem(t('networkError'));
      }
    });
  };

  return (
    <div className="space-y-6" data-testid="attempt-player">
      {!locked && remainingMs !== null && <Countdown remainingMs={remainingMs} onExpire={onExpire} />}
      {closed && (
        <div className="rounded-md border-l-4 border-warn bg-warn/10 p-4" role="alert" data-testid="attempt-closed">
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
            save={save}
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
          <button type="button" className="btn-primary" onClick={handIn} disabled={pending} data-testid="submit-attempt">
            {pending ? t('submitting') : t('submit')}
          </button>
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
