'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createClassAction, regenerateCodeAction, removeStudentAction, type TeachState } from './actions';

const idle: TeachState = { status: 'idle' };

export function StateMessage({ state }: { state: TeachState }) {
  const t = useTranslations('teaching');
  if (state.status === 'ok') return <p role="status" data-testid="teach-ok">{t('saved')}</p>;
  if (state.status === 'forbidden') return <p className="field-error">{t('forbidden')}</p>;
  if (state.status === 'error') return <p className="field-error">{t('error')}</p>;
  if (state.status === 'invalid') {
    const keys = Object.values(state.errors);
    return (
      <p className="field-error" data-testid="teach-invalid">
        {keys.length ? keys.map((k) => t(`errors.${k}` as 'errors.name')).join(' ') : t('errors.invalid')}
      </p>
    );
  }
  return null;
}

export function CreateClassForm() {
  const t = useTranslations('teaching');
  const [state, action, pending] = useActionState(createClassAction, idle);
  return (
    <form action={action} noValidate className="flex flex-wrap items-end gap-2" data-testid="create-class">
      <div>
        <label htmlFor="class-name" className="mb-1 block text-sm font-medium">
          {t('className')}
        </label>
        <input id="class-name" name="name" className="field-input" maxLength={120} />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('createClass')}
      </button>
      <StateMessage state={state} />
    </form>
  );
}

export function RegenerateCodeForm({ classId }: { classId: string }) {
  const t = useTranslations('teaching');
  const [, action, pending] = useActionState(regenerateCodeAction, idle);
  return (
    <form action={action}>
      <input type="hidden" name="classId" value={classId} />
      <button type="submit" className="btn-secondary" disabled={pending} data-testid="regenerate-code">
        {t('regenerate')}
      </button>
    </form>
  );
}

export function RemoveStudentForm({ classId, userId, name }: { classId: string; userId: string; name: string }) {
  const t = useTranslations('teaching');
  const [, action, pending] = useActionState(removeStudentAction, idle);
  return (
    <form action={action}>
      <input type="hidden" name="classId" value={classId} />
      <input type="hidden" name="userId" value={userId} />
      <button type="submit" className="text-sm text-bad underline" disabled={pending} aria-label={t('removeStudent', { name })}>
        {t('remove')}
      </button>
    </form>
  );
}
