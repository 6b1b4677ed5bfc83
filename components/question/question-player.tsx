'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import type { PublicQuestion } from '@/lib/questions/public';
import type { Lang } from '@/lib/questions/types';
import type { CheckAnswer, CheckResult } from '@/lib/questions/verdict';
import { ExplanationView } from './explanation-view';
import { PromptView } from './prompt-view';
import { initialResponse, ResponseInput, responseToSend, type ResponseValue } from './response-input';
import { VerdictView } from './verdict-view';

/** Shows a question, takes an answer, grades it on the server and shows the explanation. */
export function QuestionPlayer({ question, lang, nextHref, checkAnswer }: { question: PublicQuestion; lang: Lang; nextHref: string; checkAnswer: CheckAnswer }) {
  const t = useTranslations('practice');
  const [value, setValue] = useState<ResponseValue>(() => initialResponse(question.response));
  const [result, setResult] = useState<CheckResult | null>(null);
  const [pending, startTransition] = useTransition();
  const graded = result?.status === 'graded';

  const submit = () => {
    const response = responseToSend(question.response, value);
    if (response === null) {
      setResult({ status: 'invalid', reason: 'empty' });
      return;
    }
    startTransition(async () => {
      try {
        setResult(await checkAnswer({ ...question.ref, response }));
      } catch {
        setResult({ status: 'invalid', reason: 'network' });
      }
    });
  };

  return (
    <div className="space-y-6">
      <PromptView blocks={question.prompt} lang={lang} />
      {question.assumptions && question.assumptions.length > 0 && (
        <details className="rounded-md border border-line bg-surface p-3 text-sm">
          <summary className="cursor-pointer font-medium">{t('assumptions')}</summary>
          <ul className="mt-2 list-disc pl-6">
            {question.assumptions.map((a, i) => (
              <li key={i}>{a[lang]}</li>
            ))}
          </ul>
        </details>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        className="space-y-4"
        data-testid="answer-form"
      >
        <ResponseInput spec={question.response} lang={lang} value={value} onChange={setValue} disabled={pending || graded} reveal={graded ? result.answer : undefined} assist />
        {result?.status === 'invalid' && (
          <p className="field-error" data-testid="answer-invalid">
            {result.reason === 'empty' ? t('answerFirst') : t('invalidAnswer')}
          </p>
        )}
        {result?.status === 'locked' && (
          <p className="field-error" role="alert" data-testid="answer-locked">
            {result.message}
          </p>
        )}
        <div className="flex flex-wrap gap-3">
          {!graded && (
            <button type="submit" className="btn-primary" disabled={pending} data-testid="check">
              {pending ? t('checking') : t('check')}
            </button>
          )}
          <Link href={nextHref} className="btn-secondary" data-testid="new-variant">
            {t('newVariant')}
          </Link>
        </div>
      </form>
      {graded && (
        <div className="space-y-4">
          <VerdictView verdict={result} lang={lang} announce />
          <ExplanationView explanation={result.explanation} lang={lang} />
        </div>
      )}
    </div>
  );
}
