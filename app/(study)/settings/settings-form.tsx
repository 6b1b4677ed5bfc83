'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { saveSettings, type SettingsState } from './actions';

type Initial = { desiredRetention: number; newPerDay: number; reviewsPerDay: number; timeZone: string; examDate: string };

export function SettingsForm({ initial }: { initial: Initial }) {
  const t = useTranslations('settings');
  const [state, action, pending] = useActionState<SettingsState, FormData>(saveSettings, { status: 'idle' });
  const errors = state.status === 'invalid' ? state.errors : {};
  const browserZone = typeof Intl !== 'undefined' ? Intl.DateTimeFormat().resolvedOptions().timeZone : 'UTC';
  const field = (name: keyof Initial, label: string, input: React.ReactNode, hint?: string) => (
    <div>
      <label htmlFor={name} className="mb-1 block font-medium">
        {label}
      </label>
      {input}
      {hint && <p className="mt-1 text-sm text-muted">{hint}</p>}
      {errors[name] && (
        <p className="field-error" data-testid={`error-${name}`}>
          {t(`errors.${errors[name]}` as 'errors.retention')}
        </p>
      )}
    </div>
  );
  return (
    <form action={action} noValidate className="card space-y-4" data-testid="settings-form">
      <h2 className="font-semibold">{t('drills')}</h2>
      {field(
        'desiredRetention',
        t('retention'),
        <input id="desiredRetention" name="desiredRetention" type="number" step="0.01" min="0.7" max="0.97" defaultValue={initial.desiredRetention} className="field-input max-w-32" />,
        t('retentionHint'),
      )}
      {field('newPerDay', t('newPerDay'), <input id="newPerDay" name="newPerDay" type="number" min="0" max="100" defaultValue={initial.newPerDay} className="field-input max-w-32" />)}
      {field('reviewsPerDay', t('reviewsPerDay'), <input id="reviewsPerDay" name="reviewsPerDay" type="number" min="0" max="2000" defaultValue={initial.reviewsPerDay} className="field-input max-w-32" />)}
      {field(
        'timeZone',
        t('timeZone'),
        <input id="timeZone" name="timeZone" defaultValue={initial.timeZone} className="field-input max-w-64" list="zones" />,
        t('timeZoneHint', { zone: browserZone }),
      )}
      <datalist id="zones">
        {['UTC', 'Asia/Seoul', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', browserZone].map((z, i) => (
          <option key={`${z}-${i}`} value={z} />
        ))}
      </datalist>
      {field('examDate', t('examDate'), <input id="examDate" name="examDate" type="date" defaultValue={initial.examDate} className="field-input max-w-48" />, t('examDateHint'))}
      <button type="submit" className="btn-primary" disabled={pending} data-testid="save-settings">
        {t('save')}
      </button>
      {state.status === 'ok' && (
        <p role="status" data-testid="settings-saved">
          {t('saved')}
        </p>
      )}
      {state.status === 'error' && <p className="field-error">{t('errors.unexpected')}</p>}
    </form>
  );
}
