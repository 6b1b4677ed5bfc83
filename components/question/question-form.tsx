'use client';

import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import type { PublicQuestion } from '@/lib/questions/public';
import type { Answer, Lang } from '@/lib/questions/types';
import { PromptView } from './prompt-view';
import { ResponseInput, type ResponseValue } from './response-input';

/**
 * A question as the drill and extra-practice players show it: its title, prompt and answer
 * control, and until it is graded the Check button (Enter) with what the player puts beside it
 * (an Undo button, the keys it takes).
 */
export function QuestionForm({
  question,
  lang,
  value,
  onChange,
  onSubmit,
  pending,
  graded,
  reveal,
  beside,
}: {
  question: PublicQuestion;
  lang: Lang;
  value: ResponseValue;
  onChange: (value: ResponseValue) => void;
  onSubmit: () => void;
  pending: boolean;
  graded: boolean;
  /** The right answer once graded, which the control marks. */
  reveal: Answer | undefined;
  beside: ReactNode;
}) {
  const t = useTranslations('practice');
  return (
    <>
      <h1 className="text-xl font-bold">{question.title[lang]}</h1>
      <PromptView blocks={question.prompt} lang={lang} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          onSubmit();
        }}
        className="space-y-4"
      >
        <ResponseInput spec={question.response} lang={lang} value={value} onChange={onChange} disabled={pending || graded} reveal={reveal} />
        {!graded && (
          <div className="flex flex-wrap items-center gap-3">
            <button type="submit" className="btn-primary" disabled={pending} data-testid="submit-answer">
              {t('check')} <kbd className="text-xs opacity-80">Enter</kbd>
            </button>
            {beside}
          </div>
        )}
      </form>
    </>
  );
}
