'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { joinClass, type JoinState } from './actions';

export function JoinForm() {
  const t = useTranslations('teaching');
  const [state, action, pending] = useActionState<JoinState, FormData>(joinClass, { status: 'idle' });
  return (
    <form action={action} noValidate className="card flex flex-wrap items-end gap-2" data-testid="join-form">
      <div>
        <label htmlFor="join-code" className="mb-1 block font-medium">
          {t('joinCode')}
        </label>
        <input id="join-code" name="code" className="field-input font-mono uppercase" autoComplete="off" maxLength={32} />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {t('join')}
      </button>
      <p className="w-full" role="status" data-testid="join-result">
        {state.status === 'joined' && t('joined', { name: state.className })}
        {state.status === 'already' && t('alreadyJoined', { name: state.className })}
        {(state.status === 'unknown-code' || state.status === 'invalid') && <span className="text-bad">{t('unknownCode')}</span>}
        {state.status === 'students-only' && <span className="text-bad">{t('studentsOnly')}</span>}
        {state.status === 'error' && <span className="text-bad">{t('error')}</span>}
      </p>
    </form>
  );
}
