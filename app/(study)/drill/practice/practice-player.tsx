'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, useTransition } from 'react';
import { lazyComponent } from '@/components/lazy';
import { PromptView } from '@/components/question/prompt-view';
import { initialResponse, ResponseInput, responseToSend, valueForKey, type ResponseValue } from '@/components/question/response-input';
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

  useEffect(() => {
    shownAt.current = performance.now();
  }, []);

  const submit = useCallback(() => {
    if (graded || pending) return;
    const response = responseToSend(item.question.response, value);
    if (response === null) {
      setProblem(tp('answerFirst'));
      return;
    }
    void loadExplanation();
    void loadVerdict();
    const durationMs = Math.max(0, Math.round(performance.now() - shownAt.current));
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
      }
    });
  }, [graded, pending, item, value, router, t, tp]);

  const next = useCallback(() => start(() => router.refresh()), [router]);

  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented || pending) return;
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
  }, [graded, pending, next, submit, item, value]);

  return (
    <article className="space-y-6" data-testid="practice-player">
      <p className="font-mono text-xs text-muted" data-testid="practice-ref">
        {item.generator} · {tp('tier', { tier: item.tier })} · seed {item.seed}
      </p>
      <h1 className="text-xl font-bold">{item.question.title[lang]}</h1>
      <PromptView blocks={item.question.prompt} lang={lang} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="space-y-4"
      >
        <ResponseInput spec={item.question.response} lang={lang} value={value} onChange={setValue} disabled={pending || !!graded} reveal={graded?.answer} />
        {!graded && (
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className="btn-primary" disabled={pending} data-testid="submit-answer">
              {tp('check')} <kbd className="text-xs opacity-80">Enter</kbd>
            </button>
            <span className="text-xs text-muted">{t('extra.keysBefore')}</span>
          </div>
        )}
      </form>
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
