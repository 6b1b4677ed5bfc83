'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition } from 'react';
import { lazyComponent } from '@/components/lazy';
import { QuestionForm } from '@/components/question/question-form';
import { initialResponse, responseToSend, valueForKey, type ResponseValue } from '@/components/question/response-input';
import type { PracticeItem } from '@/lib/drills/practice';
import type { Lang } from '@/lib/questions/types';
import { submitPractice, type PracticeAnswerState } from '../actions';

const loadExplanation = () => import('@/components/question/explanation-view');
const ExplanationView = lazyComponent(() => loadExplanation().then((m) => m.ExplanationView));
const loadVerdict = () => import('@/components/question/verdict-view');
const VerdictView = lazyComponent(() => loadVerdict().then((m) => m.VerdictView));

/** One extra-practice question, by keyboard alone: digits pick, Enter checks, Enter goes on. No rating: nothing is rescheduled. */
export function PracticePlayer({ item, lang }: { item: PracticeItem; lang: Lang }) {
  const t = useTranslations('drill');
  const tp = useTranslations('practice');
  const router = useRouter();
  const [value, setValue] = useState<ResponseValue>(() => initialResponse(item.question.response));
  const [outcome, setOutcome] = useState<PracticeAnswerState | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const shownAt = useRef(0);
  const graded = outcome?.status === 'graded' ? outcome : null;

  // An answer is in flight. Keys wait on this, not on the transition's pending flag, which stays
  // set for a moment after the verdict is on screen (a key pressed then was lost).
  const busy = useRef(false);

  useEffect(() => {
    shownAt.current = performance.now();
  }, []);

  const submit = useCallback(() => {
    if (graded || busy.current) return;
    const response = responseToSend(item.question.response, value);
    if (response === null) {
      setProblem(tp('answerFirst'));
      return;
    }
    void loadExplanation();
    void loadVerdict();
    const durationMs = Math.max(0, Math.round(performance.now() - shownAt.current));
    busy.current = true;
    start(async () => {
      try {
        const result = await submitPractice({ cardId: item.cardId, practiceIndex: item.practiceIndex, response, durationMs });
        setOutcome(result);
        if (result.status === 'graded') setProblem(null);
        else if (result.status === 'invalid') setProblem(tp('invalidAnswer'));
        else if (result.status === 'locked') setProblem(result.message);
        else if (result.status === 'stale') router.refresh();
        else setProblem(t('error'));
      } catch {
        setProblem(t('networkError'));
      } finally {
        busy.current = false;
      }
    });
  }, [graded, item, value, router, t, tp]);

  const next = useCallback(() => start(() => router.refresh()), [router]);

  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || busy.current) return;
      const target = event.target as HTMLElement | null;
      if (graded) {
        if (event.key === 'Enter' && target?.tagName !== 'BUTTON' && target?.tagName !== 'A') {
          event.preventDefault();
          next();
        }
        return;
      }
      if (target?.tagName === 'INPUT' && ['number', 'text'].includes((target as HTMLInputElement).type)) return;
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
  }, [graded, next, submit, item, value]);

  return (
    <article className="space-y-6" data-testid="practice-player">
      <p className="font-mono text-xs text-muted" data-testid="practice-ref">
        {item.generator} · {tp('tier', { tier: item.tier })} · seed {item.seed}
      </p>
      <QuestionForm
        question={item.question}
        lang={lang}
        value={value}
        onChange={setValue}
        onSubmit={submit}
        pending={pending}
        graded={!!graded}
        reveal={graded?.answer}
        beside={<span className="text-xs text-muted">{t('extra.keysBefore')}</span>}
      />
      {problem && (
        <p className="field-error" data-testid="practice-problem">
          {problem}
        </p>
      )}
      {graded && (
        <div className="space-y-4">
          <VerdictView verdict={graded} lang={lang} announce />
          <div className="flex flex-wrap items-center gap-3">
            <button type="button" className="btn-primary" onClick={next} disabled={pending} data-testid="practice-next">
              {t('extra.next')} <kbd className="text-xs opacity-80">Enter</kbd>
            </button>
            <span className="text-xs text-muted">{t('extra.keysAfter')}</span>
          </div>
          <ExplanationView explanation={graded.explanation} lang={lang} />
        </div>
      )}
    </article>
  );
}
