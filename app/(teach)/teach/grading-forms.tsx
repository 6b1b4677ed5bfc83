'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { importRosterAction, overrideScoreAction, regradeAssignmentAction, setExtensionAction, setTimeMultiplierAction, startPreviewAction, type GradingState } from './grading-actions';

const idle: GradingState = { status: 'idle' };
const pct = (x: number | null) => (x === null ? '—' : `${Math.round(x * 100)}%`);

function GradingMessage({ state, testId }: { state: GradingState; testId: string }) {
  const t = useTranslations('grading');
  if (state.status === 'ok') return <p role="status" data-testid={`${testId}-ok`}>{t('saved')}</p>;
  if (state.status === 'forbidden') return <p className="field-error">{t('forbidden')}</p>;
  if (state.status === 'error') return <p className="field-error">{t('error')}</p>;
  if (state.status === 'invalid') {
    const keys = [...new Set(Object.values(state.errors))];
    return (
      <p className="field-error" data-testid={`${testId}-invalid`}>
        {keys.length ? keys.map((k) => t(`errors.${k}` as 'errors.invalid')).join(' ') : t('errors.invalid')}
      </p>
    );
  }
  return null;
}

function Field({ id, label, grow, children }: { id: string; label: string; grow?: boolean; children: React.ReactNode }) {
  return (
    <div className={grow ? 'grow' : undefined}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {children}
    </div>
  );
}

function Submit({ label, pending, state, testId }: { label: string; pending: boolean; state: GradingState; testId: string }) {
  return (
    <>
      <button type="submit" className="btn-primary" disabled={pending}>
        {label}
      </button>
      <GradingMessage state={state} testId={testId} />
    </>
  );
}

export function MultiplierForm({ classId, userId, multiplier }: { classId: string; userId: string; multiplier: number }) {
  const t = useTranslations('grading');
  const [state, action, pending] = useActionState(setTimeMultiplierAction, idle);
  return (
    <form action={action} noValidate className="flex flex-wrap items-end gap-2" data-testid="multiplier-form">
      <input type="hidden" name="classId" value={classId} />
      <input type="hidden" name="userId" value={userId} />
      <Field id="multiplier" label={t('multiplier')}>
        <input id="multiplier" name="multiplier" type="number" min={1} max={4} step={0.05} defaultValue={multiplier} className="field-input w-28" />
      </Field>
      <Submit label={t('saveMultiplier')} pending={pending} state={state} testId="multiplier" />
    </form>
  );
}

export function ExtensionForm({ classId, userId, assignmentId, title, dueAt, timeZone }: { classId: string; userId: string; assignmentId: string; title: string; dueAt: string; timeZone: string }) {
  const t = useTranslations('grading');
  const [state, action, pending] = useActionState(setExtensionAction, idle);
  const id = `extension-${assignmentId}`;
  return (
    <form action={action} noValidate className="flex flex-wrap items-end gap-2" data-testid={`extension-${title}`}>
      <input type="hidden" name="classId" value={classId} />
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="timeZone" value={timeZone} />
      <Field id={id} label={`${t('ownDue')} (${timeZone})`}>
        <input id={id} name="dueAt" type="datetime-local" defaultValue={dueAt} className="field-input" />
      </Field>
      <Submit label={t('saveExtension', { title })} pending={pending} state={state} testId="extension" />
    </form>
  );
}

export function OverrideForm({ classId, attemptId, position, title, percent }: { classId: string; attemptId: string; position: number; title: string; percent: number }) {
  const t = useTranslations('grading');
  const [state, action, pending] = useActionState(overrideScoreAction, idle);
  const id = (name: string) => `o-${attemptId}-${position}-${name}`;
  return (
    <details>
      <summary className="cursor-pointer text-sm text-accent underline" data-testid={`override-toggle-${position + 1}`}>
        {t('override')}
        <span className="sr-only"> {t('overrideFor', { position: position + 1, title })}</span>
      </summary>
      <form action={action} noValidate className="mt-1 flex flex-wrap items-end gap-2" data-testid={`override-${position + 1}`}>
        <input type="hidden" name="classId" value={classId} />
        <input type="hidden" name="attemptId" value={attemptId} />
        <input type="hidden" name="position" value={position} />
        <Field id={id('percent')} label={t('newPercent')}>
          <input id={id('percent')} name="percent" inputMode="decimal" defaultValue={percent} className="field-input w-24" />
        </Field>
        <Field id={id('reason')} label={t('reason')} grow>
          <input id={id('reason')} name="reason" maxLength={500} className="field-input w-full" />
        </Field>
        <Submit label={t('saveOverride')} pending={pending} state={state} testId="override" />
      </form>
    </details>
  );
}

export function RegradeForm({ classId, assignmentId, title }: { classId: string; assignmentId: string; title: string }) {
  const t = useTranslations('grading');
  const [state, action, pending] = useActionState(regradeAssignmentAction, idle);
  return (
    <form action={action} className="space-y-1" data-testid={`regrade-${title}`}>
      <input type="hidden" name="classId" value={classId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {t('regrade', { title })}
      </button>
      {state.status === 'regraded' ? (
        <div role="status" data-testid="regrade-report">
          <p>{t('regraded', { checked: state.checked, count: state.changes.length })}</p>
          {state.changes.length > 0 && (
            <ul className="list-disc pl-5 text-sm">
              {state.changes.map((c, i) => (
                <li key={i}>
                  {c.student} · {t('question')} {c.position + 1}: {pct(c.oldScore)} → {pct(c.newScore)}
                  {c.overridden && ` (${t('keptOverride')})`}
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : (
        <GradingMessage state={state} testId="regrade" />
      )}
    </form>
  );
}

export function RosterImportForm({ classId }: { classId: string }) {
  const t = useTranslations('grading');
  const [state, action, pending] = useActionState(importRosterAction, idle);
  return (
    <details className="mt-2">
      <summary className="cursor-pointer text-sm text-accent underline" data-testid="roster-import-toggle">
        {t('importRoster')}
      </summary>
      <form action={action} noValidate className="mt-2 space-y-2" data-testid="roster-import">
        <input type="hidden" name="classId" value={classId} />
        <p className="text-sm text-muted">{t('importHint')}</p>
        <Field id="roster-emails" label={t('pasteEmails')}>
          <textarea id="roster-emails" name="emails" rows={5} className="field-input w-full font-mono" />
        </Field>
        <Field id="roster-file" label={t('uploadCsv')}>
          <input id="roster-file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" className="text-sm" />
        </Field>
        <Submit label={t('importButton')} pending={pending} state={state} testId="roster" />
        {state.status === 'imported' && (
          <ul role="status" className="space-y-0.5 text-sm" data-testid="roster-results">
            {state.results.map((r) => (
              <li key={r.line} data-outcome={r.outcome} className={['enrolled', 'invited', 'already-member', 'already-invited'].includes(r.outcome) ? '' : 'text-bad'}>
                {t('rosterLine', { line: r.line, text: r.text })} {t(`outcomes.${r.outcome}`)}
              </li>
            ))}
          </ul>
        )}
      </form>
    </details>
  );
}

/** Starts the instructor's preview of an assignment, or (`restart`) discards it and starts a new one. */
export function PreviewForm({ classId, assignmentId, restart }: { classId: string; assignmentId: string; restart: boolean }) {
  const t = useTranslations('grading');
  const [state, action, pending] = useActionState(startPreviewAction, idle);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" data-testid="preview-form">
      <input type="hidden" name="classId" value={classId} />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <input type="hidden" name="restart" value={restart ? '1' : '0'} />
      <Submit label={restart ? t('restartPreview') : t('startPreview')} pending={pending} state={state} testId="preview" />
      {restart && <span className="text-sm text-muted">{t('restartHint')}</span>}
    </form>
  );
}
