import { useTranslations } from 'next-intl';
import type { Lang } from '@/lib/questions/types';
import type { Verdict } from '@/lib/questions/verdict';

/**
 * Right or wrong, the answer, and the misconceptions behind a wrong choice: the same block
 * after a practice check, a drill review and a released exam question. `answered: false`
 * marks a question left blank; `announce` makes the block a live region (one per screen).
 */
export function VerdictView({ verdict, lang, answered = true, announce = false }: { verdict: Pick<Verdict, 'correct' | 'answerText' | 'misconceptions'>; lang: Lang; answered?: boolean; announce?: boolean }) {
  const t = useTranslations('verdict');
  const heading = !answered ? t('unanswered') : verdict.correct ? t('correct') : t('incorrect');
  return (
    <div
      className={`rounded-md border-l-4 p-4 ${verdict.correct ? 'border-ok bg-ok/10' : 'border-bad bg-bad/10'}`}
      data-testid="verdict"
      data-correct={verdict.correct}
      role={announce ? 'status' : undefined}
    >
      <p className="font-semibold">{heading}</p>
      <p>
        {t('answerWas')}{' '}
        <span className="font-mono" data-testid="true-answer">
          {verdict.answerText}
        </span>
      </p>
      {verdict.misconceptions.map((m) => (
        <p key={m.id} className="mt-2 text-sm" data-testid="misconception">
          <strong>{t('misconception')}:</strong> {m.text[lang]}
        </p>
      ))}
    </div>
  );
}
