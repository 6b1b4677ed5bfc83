'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import type { SkillChange } from '@/lib/drills/skill-changes';
import type { SkillChangeState } from '../actions';

/** One skill's buttons in the browser; each posts the change with the card's id. */
export function SkillActions({
  cardId,
  name,
  suspended,
  buried,
  action,
}: {
  cardId: string;
  name: string;
  suspended: boolean;
  buried: boolean;
  action: (prev: SkillChangeState, formData: FormData) => Promise<SkillChangeState>;
}) {
  const t = useTranslations('skills');
  const [state, formAction, pending] = useActionState<SkillChangeState, FormData>(action, { status: 'idle' });
  const changes: SkillChange[] = [suspended ? 'unsuspend' : 'suspend', ...(buried ? [] : (['bury'] as const)), 'reset'];
  return (
    <form action={formAction} className="flex flex-wrap gap-1">
      <input type="hidden" name="cardId" value={cardId} />
      {changes.map((change) => (
        <button
          key={change}
          type="submit"
          name="change"
          value={change}
          disabled={pending}
          className="btn-secondary px-2 py-1 text-xs"
          aria-label={t(`changeLabel.${change}`, { skill: name })}
          data-testid={`${change}-${name}`}
        >
          {t(`change.${change}`)}
        </button>
      ))}
      {state.status !== 'idle' && state.status !== 'ok' && (
        <span className="field-error" role="status">
          {t('changeFailed')}
        </span>
      )}
    </form>
  );
}
