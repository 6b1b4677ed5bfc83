'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition } from 'react';
import { lazyComponent } from '@/components/lazy';
import { PromptView } from '@/components/question/prompt-view';
import { QuestionForm } from '@/components/question/question-form';
import { initialResponse, responseToSend, valueForKey, type ResponseValue } from '@/components/question/response-input';
import type { ReviewItem } from '@/lib/drills/service';
import type { Lang } from '@/lib/questions/types';
import { ratingForKey } from '@/lib/srs/rating';
import type { RatingValue } from '@/lib/srs/types';
import { submitRating, undoLast } from '../actions';
import type { AnswerState } from '../answer';
import { postAnswer } from './post-answer';
import type { ShownReview } from './drill-session';

// What shows after an answer (verdict, rating buttons, the explanation's timelines and memory tables) is fetched while
// the answer is graded, not with the page (issue 16's JS budget); a replayed example's explanation comes with its page.
const loadGradedPanel = () => import('./graded-panel');
const GradedPanel = lazyComponent(() => loadGradedPanel().then((m) => m.GradedPanel));
const ExplanationView = lazyComponent(() => import('@/components/question/explanation-view').then((m) => m.ExplanationView));

/** One review, operable with the keyboard alone: answer, submit, rate, next, undo. */
export function DrillPlayer({ item, lang, canUndo, onAdvance }: { item: ReviewItem; lang: Lang; canUndo: boolean; onAdvance: (next: ShownReview) => void }) {
  const t = useTranslations('drill');
  const tp = useTranslations('practice');
  const tv = useTranslations('verdict');
  const router = useRouter();
  const [value, setValue] = useState<ResponseValue>(() => initialResponse(item.question.response));
  const [outcome, setOutcome] = useState<AnswerState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const shownAt = useRef<number>(0);
  // A request of this player is in flight (an answer, a rating, an undo). Keys wait on this, not on
  // the transition's pending flag: that one stays set for a moment after the verdict is on screen,
  // and a key pressed then (Space to go on) was lost.
  const submitting = useRef(false);
  const graded = outcome?.status === 'graded' ? outcome : null;

  useEffect(() => {
    shownAt.current = performance.now();
  }, []);

  const submit = useCallback(() => {
    if (graded || submitting.current) return;
    const response = responseToSend(item.question.response, value);
    if (response === null) {
      setProblem(tp('answerFirst'));
      return;
    }
    submitting.current = true;
    void loadGradedPanel();
    const durationMs = Math.max(0, Math.round(performance.now() - shownAt.current));
    start(async () => {
      try {
        const result = await postAnswer({ cardId: item.cardId, reviewIndex: item.reviewIndex, response, durationMs });
        if (result.status === 'graded') {
          setOutcome(result);
          setProblem(null);
        } else if (result.status === 'invalid') {
          setProblem(tp('invalidAnswer'));
        } else if (result.status === 'stale') {
          router.refresh();
        } else if (result.status === 'locked') {
          setProblem(result.message);
        } else {
          setProblem(t('error'));
        }
      } catch {
        setProblem(t('networkError'));
      } finally {
        submitting.current = false;
      }
    });
  }, [graded, value, item, router, start, t, tp]);

  const next = useCallback(
    (rating: RatingValue) => {
      if (!graded || submitting.current) return;
      if (rating === graded.rating && graded.next.status === 'review') {
        // The answer already brought the next review (read after it was recorded): show it.
        onAdvance(graded.next);
        return;
      }
      submitting.current = true;
      start(async () => {
        try {
          if (rating !== graded.rating) {
            const result = await submitRating({ logId: graded.logId, rating });
            if (result.status !== 'ok') {
              setProblem(t('error'));
              return;
            }
          }
          router.refresh();
        } finally {
          submitting.current = false;
        }
      });
    },
    [graded, router, start, t, onAdvance],
  );

  const undo = useCallback(() => {
    if (submitting.current) return;
    submitting.current = true;
    start(async () => {
      try {
        const result = await undoLast();
        if (result.status === 'ok') router.replace(`/drill/review?card=${encodeURIComponent(result.cardId)}`);
      } finally {
        submitting.current = false;
      }
    });
  }, [router, start]);

  // A layout effect, so the keys always reach the handler of what is on screen (no window
  // between painting a verdict and listening for its rating keys).
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A control that handled the key itself (the scheduler board's digits and U) marks it so.
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || submitting.current) return;
      const target = event.target as HTMLElement | null;
      const typing = target?.tagName === 'INPUT' && ['number', 'text'].includes((target as HTMLInputElement).type);
      if (graded) {
        if (event.key === 'Enter') {
          event.preventDefault();
          next(graded.rating);
          return;
        }
        const rating = ratingForKey(event.key, graded.correct);
        if (rating) {
          event.preventDefault();
          next(rating);
        } else if (event.key === '1' && graded.correct) {
          event.preventDefault();
          setProblem(t('againAfterRight'));
        } else if (event.key.toLowerCase() === 'u') {
          event.preventDefault();
          undo();
        }
        return;
      }
      if (typing) return;
      if (event.key.toLowerCase() === 'u' && canUndo) {
        event.preventDefault();
        undo();
        return;
      }
      const picked = valueForKey(item.question.response, event.key, value);
      if (picked !== null) {
        event.preventDefault();
        setValue(picked);
      } else if (event.key === 'Enter' && target?.tagName !== 'BUTTON') {
        event.preventDefault();
        submit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [graded, next, undo, submit, item, canUndo, t, value]);

  return (
    <article className="space-y-6" data-testid="drill-player">
      <p className="font-mono text-xs text-muted" data-testid="review-ref">
        {item.generator} · {tp('tier', { tier: item.tier })} · seed {item.seed}
      </p>
      {item.replay && (
        <section className="space-y-3 rounded-md border-2 border-warn p-4" data-testid="replay" aria-labelledby="replay-title">
          <h2 id="replay-title" className="text-lg font-semibold">
            {t('replayTitle')}
          </h2>
          <p className="text-sm text-muted">{t('replayText')}</p>
          <PromptView blocks={item.replay.question.prompt} lang={lang} />
          <p>
            {tv('answerWas')} <span className="font-mono">{item.replay.answerText}</span>
          </p>
          <ExplanationView explanation={item.replay.explanation} lang={lang} />
        </section>
      )}
      <QuestionForm
        question={item.question}
        lang={lang}
        value={value}
        onChange={setValue}
        onSubmit={submit}
        pending={pending}
        graded={!!graded}
        reveal={graded?.answer}
        beside={
          <>
            {canUndo && (
              <button type="button" className="btn-secondary" onClick={undo} disabled={pending} data-testid="undo">
                {t('undo')} <kbd className="text-xs text-muted">U</kbd>
              </button>
            )}
            <span className="text-xs text-muted">{t('keysBefore')}</span>
          </>
        }
      />
      {problem && (
        <p className="field-error" data-testid="drill-problem">
          {problem}
        </p>
      )}
      {graded && <GradedPanel graded={graded} lang={lang} pending={pending} onRate={next} onUndo={undo} />}
    </article>
  );
}
