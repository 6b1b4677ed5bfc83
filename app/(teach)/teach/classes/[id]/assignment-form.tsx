'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { ASSIGNMENT_KINDS, LATE_POLICIES, SEED_POLICIES, SHOW_ANSWERS, type AssignmentKind } from '@/lib/attempts/assignment-options';
import { createAssignmentAction, type TeachState } from '../../actions';
import { StateMessage, ZoneSelect } from '../../forms';

/** Times are entered in the chosen zone (the viewer's by default) and stored as instants. */
export function AssignmentForm({
  classId,
  sets,
  defaults,
  zones,
}: {
  classId: string;
  sets: { id: string; name: string }[];
  defaults: { opensAt: string; dueAt: string; timeZone: string };
  zones: readonly string[];
}) {
  const t = useTranslations('teaching');
  const [state, action, pending] = useActionState<TeachState, FormData>(createAssignmentAction, { status: 'idle' });
  const [kind, setKind] = useState<AssignmentKind>('assignment');
  const select = (name: string, options: readonly string[], label: string) => (
    <div>
      <label htmlFor={`a-${name}`} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select id={`a-${name}`} name={name} className="field-input">
        {options.map((o) => (
          <option key={o} value={o}>
            {t(`options.${o}` as 'options.shared')}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    // After a successful create React resets the form's fields; the Kind select goes back to
    // its first option, so the exam-only fields must go with it.
    <form action={action} noValidate onReset={() => setKind('assignment')} className="grid gap-3 sm:grid-cols-2" data-testid="assignment-form">
      <input type="hidden" name="classId" value={classId} />
      <div>
        <label htmlFor="a-title" className="mb-1 block text-sm font-medium">
          {t('assignmentTitle')}
        </label>
        <input id="a-title" name="title" className="field-input" maxLength={120} />
      </div>
      <div>
        <label htmlFor="a-setId" className="mb-1 block text-sm font-medium">
          {t('questionSet')}
        </label>
        <select id="a-setId" name="setId" className="field-input">
          {sets.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="a-kind" className="mb-1 block text-sm font-medium">
          {t('kind')}
        </label>
        <select id="a-kind" name="kind" className="field-input" value={kind} onChange={(e) => setKind(e.target.value as AssignmentKind)}>
          {ASSIGNMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`options.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="a-opensAt" className="mb-1 block text-sm font-medium">
          {t('opensAt')}
        </label>
        <input id="a-opensAt" name="opensAt" type="datetime-local" defaultValue={defaults.opensAt} className="field-input" />
      </div>
      <div>
        <label htmlFor="a-dueAt" className="mb-1 block text-sm font-medium">
          {t('dueAt')}
        </label>
        <input id="a-dueAt" name="dueAt" type="datetime-local" defaultValue={defaults.dueAt} className="field-input" />
      </div>
      <ZoneSelect id="a-timeZone" zone={defaults.timeZone} zones={zones} />
      {kind === 'assignment' ? (
        <>
          <div>
            <label htmlFor="a-attemptsAllowed" className="mb-1 block text-sm font-medium">
              {t('attemptsAllowed')}
            </label>
            <input id="a-attemptsAllowed" name="attemptsAllowed" type="number" min={1} max={10} defaultValue={1} className="field-input" />
          </div>
          {select('seedPolicy', SEED_POLICIES, t('seedPolicy'))}
          {select('showAnswers', SHOW_ANSWERS, t('showAnswers'))}
          {select('latePolicy', LATE_POLICIES, t('latePolicy'))}
          <div>
            <label htmlFor="a-latePenalty" className="mb-1 block text-sm font-medium">
              {t('latePenalty')}
            </label>
            <input id="a-latePenalty" name="latePenalty" type="number" step="0.05" min={0} max={1} defaultValue={0.2} className="field-input" />
          </div>
          <input type="hidden" name="timeLimitMinutes" value="" />
        </>
      ) : (
        <>
          <input type="hidden" name="attemptsAllowed" value="1" />
          <input type="hidden" name="seedPolicy" value="per-student" />
          <input type="hidden" name="showAnswers" value="after-submit" />
          <input type="hidden" name="latePolicy" value="closed" />
          <input type="hidden" name="latePenalty" value="0" />
          <div>
            <label htmlFor="a-timeLimitMinutes" className="mb-1 block text-sm font-medium">
              {t('timeLimit')}
            </label>
            <input id="a-timeLimitMinutes" name="timeLimitMinutes" type="number" min={1} max={600} defaultValue={30} className="field-input" />
          </div>
          <label className="flex items-center gap-2 text-sm sm:col-span-2">
            <input type="checkbox" name="lockdown" value="on" defaultChecked data-testid="exam-lockdown" />
            {t('lockdown')}
          </label>
        </>
      )}
      <p className="text-xs text-muted sm:col-span-2">{t('timesInZone')}</p>
      <div className="sm:col-span-2">
        <button type="submit" className="btn-primary" disabled={pending || sets.length === 0}>
          {t('createAssignment')}
        </button>
        <StateMessage state={state} />
      </div>
    </form>
  );
}
