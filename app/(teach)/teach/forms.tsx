'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { createClassAction, regenerateCodeAction, removeStudentAction, rescheduleAssignmentAction, type TeachState } from './actions';

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

/** The zone the times of a form are entered in: one option per zone the server knows. */
export function ZoneSelect({ id, zone, zones }: { id: string; zone: string; zones: readonly string[] }) {
  const t = useTranslations('teaching');
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {t('timeZone')}
      </label>
      <select id={id} name="timeZone" defaultValue={zone} className="field-input" data-testid="time-zone">
        {zones.map((z) => (
          <option key={z} value={z}>
            {z}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Change an assignment's opening and due times, entered in the viewer's zone. */
export function RescheduleForm({
  classId,
  assignmentId,
  title,
  opensAt,
  dueAt,
  zone,
}: {
  classId: string;
  assignmentId: string;
  title: string;
  opensAt: string;
  dueAt: string;
  zone: string;
}) {
  const t = useTranslations('teaching');
  const [state, action, pending] = useActionState(rescheduleAssignmentAction, idle);
  const id = (name: string) => `r-${assignmentId}-${name}`;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer text-sm text-accent underline" data-testid="reschedule-toggle">
        {t('reschedule', { title })}
      </summary>
      <form action={action} noValidate className="mt-2 flex flex-wrap items-end gap-2" data-testid="reschedule-form">
        <input type="hidden" name="classId" value={classId} />
        <input type="hidden" name="assignmentId" value={assignmentId} />
        {(
          [
            ['opensAt', opensAt],
            ['dueAt', dueAt],
          ] as const
        ).map(([name, value]) => (
          <div key={name}>
            <label htmlFor={id(name)} className="mb-1 block text-sm font-medium">
              {t(name)}
            </label>
            <input id={id(name)} name={name} type="datetime-local" defaultValue={value} className="field-input" />
          </div>
        ))}
        {/* One picker per listed assignment would send the zone list once per row: the viewer's zone is named instead. */}
        <input type="hidden" name="timeZone" value={zone} />
        <p className="w-full text-xs text-muted" data-testid="reschedule-zone">
          {t('timesIn', { zone })}
        </p>
        <button type="submit" className="btn-secondary" disabled={pending}>
          {t('saveTimes')}
        </button>
        <StateMessage state={state} />
        <p className="w-full text-xs text-muted">{t('rescheduleHint')}</p>
      </form>
    </details>
  );
}
