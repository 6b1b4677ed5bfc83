'use client';

import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, useTransition } from 'react';
import { checkAnswer, type CheckResult } from '@/app/practice/actions';
import type { PublicQuestion } from '@/lib/questions/public';
import type { Lang } from '@/lib/questions/types';
import { ExplanationView } from './explanation-view';
import { PromptView } from './prompt-view';
import { ResponseInput, type ResponseValue } from './response-input';

function initialValue(q: PublicQuestion): ResponseValue {
  if (q.response.kind === 'ordering') return q.response.items.map((i) => i.id);
  if (q.response.kind === 'multi') return [];
  return null;
}

/** Shows a question, takes an answer, grades it on the server and shows the explanation. */
export function QuestionPlayer({ question, lang, nextHref }: { question: PublicQuestion; lang: Lang; nextHref: string }) {
  const t = useTranslations('practice');
  const [value, setValue] = useState<ResponseValue>(() => initialValue(question));
  const [result, setResult] = useState<CheckResult | null>(null);
  const [pending, startTransition] = useTransition();
  const graded = result?.status === 'graded';

  const submit = () => {
    if (value === null || (typeof value === 'string' && value.trim() === '')) {
      setResult({ status: 'invalid', reason: 'empty' });
      return;
    }
    const response = question.response.kind === 'number' && typeof value === 'string' ? Number(value) : value;
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
        <ResponseInput spec={question.response} lang={lang} value={value} onChange={setValue} disabled={pending || graded} />
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
          <div
            className={`rounded-md border-l-4 p-4 ${result.correct ? 'border-ok bg-ok/10' : 'border-bad bg-bad/10'}`}
            data-testid="verdict"
            data-correct={result.correct}
            role="status"
          >
            <p className="font-semibold">{result.correct ? t('correct') : t('incorrect')}</p>
            <p>
              {t('answerWas')} <span className="font-mono" data-testid="true-answer">{result.answerText}</span>
            </p>
            {result.misconceptions.map((m) => (
              <p key={m.id} className="mt-2 text-sm" data-testid="misconception">
                <strong>{t('misconception')}:</strong> {m.text[lang]}
              </p>
            ))}
          </div>
          <ExplanationView explanation={result.explanation} lang={lang} />
        </div>
      )}
    </div>
  );
}
