/**
 * The authorization matrix over server actions. A browser only ever sends the requests its
 * page makes, so each teach and exam action is captured from its rightful user's click (the
 * real request: action id, router headers, encoded arguments) and replayed with the cookies of
 * everyone else, as a crafted request would be. Every replay must be refused with a clear
 * status, never a server error, and change nothing; the rightful user's own replay works.
 */
import type { Page, Request } from '@playwright/test';
import { expect, newUser, signedInCast, signedInPage, test } from './fixtures';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

const FORWARDED = ['next-action', 'content-type', 'accept', 'next-router-state-tree'];

function captured(request: Request): Captured {
  const all = request.headers();
  const headers = Object.fromEntries(FORWARDED.filter((h) => all[h] !== undefined).map((h) => [h, all[h] as string]));
  return { url: request.url(), headers, body: request.postDataBuffer() ?? Buffer.alloc(0) };
}

/**
 * Captures the next server-action request `act` makes. With `execute: false` the request is
 * held back (aborted) so the rightful user's action has not happened yet.
 */
async function capture(page: Page, act: () => Promise<unknown>, { execute }: { execute: boolean }): Promise<Captured> {
  let request: Captured | null = null;
  const pattern = '**/*';
  await page.route(pattern, async (route) => {
    const r = route.request();
    if (r.method() === 'POST' && r.headers()['next-action'] && !request) {
      request = captured(r);
      if (!execute) return route.abort();
    }
    return route.fallback();
  });
  const at = page.url();
  await act();
  await expect.poll(() => request !== null).toBe(true);
  await page.unroute(pattern);
  // A held-back request leaves the page's client state failed: load the page afresh.
  if (!execute) await page.goto(at);
  return request as unknown as Captured;
}

/** Replays a captured action with this page's cookies; `edit` may tamper with the encoded arguments. */
async function replay(page: Page, action: Captured, edit?: (body: string) => string) {
  const data = edit ? Buffer.from(edit(action.body.toString('utf8'))) : action.body;
  const response = await page.request.post(action.url, { headers: action.headers, data, maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
}

type Who = 'anonymous' | 'student' | 'otherStudent' | 'outsider' | 'instructor' | 'otherInstructor';
/** A refusal: the action's own status word in the reply, or (anonymous) the sign-in redirect. */
type Refusal = 'forbidden' | 'unauthorized' | 'not-found' | 'invalid' | 'redirect';

test('authorization matrix over teach and exam server actions: crafted replays are refused and change nothing', async ({ browser }) => {
  test.setTimeout(300_000);
  const { users, pages } = await signedInCast(browser, {
    student: 'STUDENT',
    otherStudent: 'STUDENT',
    outsider: 'STUDENT',
    instructor: 'INSTRUCTOR',
    otherInstructor: 'INSTRUCTOR',
  });

  // The instructor's class, set and assignment; two students join, and a third who will be removed.
  const teach = new TeachPages(pages.instructor);
  const klass = await teach.createClass('Actions class');
  await teach.createSet('Actions set', [{ generator: 'lock-holder', tier: 1, count: 2 }]);
  const setUrl = pages.instructor.url();
  await teach.assign(klass.url, 'Actions homework');
  const leaver = newUser('STUDENT');
  const leaverPage = await signedInPage(browser, leaver);
  for (const p of [pages.student, pages.otherStudent, leaverPage]) await new StudentClassesPage(p).join(klass.code, 'You joined Actions class');

  const instructor = pages.instructor;
  // Captured from the rightful users' own clicks.
  await instructor.goto(klass.url);
  const regenerate = await capture(instructor, () => instructor.getByTestId('regenerate-code').click(), { execute: false });
  await instructor.locator('#a-title').fill('Crafted assignment');
  const assign = await capture(instructor, () => instructor.getByRole('button', { name: 'Assign to the class' }).click(), { execute: false });
  const removeLeaver = await capture(
    instructor,
    () => instructor.getByTestId('roster').locator('li', { hasText: leaver.email }).getByRole('button').click(),
    { execute: false },
  );
  await instructor.getByTestId('reschedule-toggle').click();
  const reschedule = instructor.getByTestId('reschedule-form');
  await reschedule.getByLabel('Due').fill('2031-01-02T03:04');
  const extend = await capture(instructor, () => reschedule.getByRole('button', { name: 'Save times' }).click(), { execute: false });
  await instructor.goto(setUrl);
  await instructor.locator('#set-name').fill('Renamed by someone');
  const saveSet = await capture(instructor, () => instructor.getByTestId('save-set').click(), { execute: false });

  const student = pages.student;
  await student.goto('/assignments');
  await student.getByRole('link', { name: 'Actions homework' }).click();
  await expect(student).toHaveURL(/\/assignments\/[^/]+$/);
  const assignmentUrl = student.url();
  const start = await capture(student, () => student.getByTestId('start-attempt').click(), { execute: false });
  await student.getByTestId('start-attempt').click();
  await expect(student.getByTestId('attempt-player')).toBeVisible();
  const firstOption = student.getByTestId('attempt-question-0').locator('input[data-option]').first();
  const chosen = (await firstOption.getAttribute('data-option')) as string;
  const save = await capture(student, () => firstOption.check(), { execute: true });
  await expect(student.getByTestId('attempt-question-0').getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  // One of two questions is answered, so handing in first asks for confirmation.
  const submit = await capture(
    student,
    async () => {
      await student.getByTestId('submit-attempt').click();
      await student.getByTestId('confirm-hand-in').click();
    },
    { execute: false },
  );

  // The same answer with another option: what a tamperer would send for the student.
  const otherOption = (await student.getByTestId('attempt-question-0').locator('input[data-option]').nth(1).getAttribute('data-option')) as string;
  const tamperedAnswer = (body: string) => body.replace(`"response":"${chosen}"`, `"response":"${otherOption}"`);

  const everyoneBut = (allowed: Who[], refusal: Partial<Record<Who, Refusal>>): Partial<Record<Who, Refusal>> =>
    Object.fromEntries((Object.keys(pages) as Who[]).filter((w) => !allowed.includes(w)).map((w) => [w, refusal[w] ?? refusal.student])) as Partial<Record<Who, Refusal>>;
  const teachRefusals = { anonymous: 'redirect', student: 'forbidden', otherStudent: 'forbidden', outsider: 'forbidden', otherInstructor: 'invalid' } as const;
  const matrix: [string, Captured, Partial<Record<Who, Refusal>>, ((body: string) => string)?][] = [
    ['regenerate join code', regenerate, everyoneBut(['instructor'], teachRefusals)],
    ['create assignment', assign, everyoneBut(['instructor'], teachRefusals)],
    ['remove student', removeLeaver, everyoneBut(['instructor'], teachRefusals)],
    ['save question set', saveSet, everyoneBut(['instructor'], teachRefusals)],
    ['change assignment times', extend, everyoneBut(['instructor'], teachRefusals)],
    ['start attempt', start, { anonymous: 'redirect', outsider: 'not-found', instructor: 'not-found', otherInstructor: 'not-found' }],
    ['save answer', save, everyoneBut(['student'], { anonymous: 'redirect', student: 'not-found' }), tamperedAnswer],
    ['save answer at a position the attempt does not have', save, { student: 'invalid' }, (body) => body.replace('"position":0', '"position":99')],
    ['save answer with a malformed request', save, { student: 'invalid' }, (body) => body.replace('"position":0', '"position":"0; drop"')],
    ['submit attempt', submit, everyoneBut(['student'], { anonymous: 'redirect', student: 'not-found' })],
  ];

  const failures: string[] = [];
  for (const [name, action, expected, edit] of matrix) {
    for (const [who, refusal] of Object.entries(expected) as [Who, Refusal][]) {
      const { status, text } = await replay(pages[who], action, edit);
      const refused =
        refusal === 'redirect' ? status >= 300 && status < 400 : status === 200 && (refusal === 'invalid' ? /"status":"invalid"/.test(text) : text.includes(`"status":"${refusal}"`));
      if (!refused) failures.push(`${who} → ${name}: HTTP ${status} ${text.slice(0, 160).replace(/\s+/g, ' ')} (expected ${refusal})`);
    }
  }
  expect(failures).toEqual([]);

  // Nothing changed: the join code, the assignments, the roster, the set, the student's answer and attempt.
  await instructor.goto(klass.url);
  await expect(instructor.getByTestId('join-code')).toHaveText(klass.code);
  await expect(instructor.getByTestId('assignment-list').locator('li')).toHaveCount(1);
  await expect(instructor.getByTestId('roster')).toContainText(leaver.email);
  // The list shows times in the viewer's zone; the instant is in each <time>'s datetime.
  await expect(instructor.getByTestId('assignment-list').locator('time[datetime="2031-01-02T03:04:00.000Z"]')).toHaveCount(0);
  await instructor.goto(setUrl);
  await expect(instructor.locator('#set-name')).toHaveValue('Actions set');
  await instructor.goto(`${klass.url}/gradebook`);
  await expect(instructor.getByTestId(`cell-${users.student.email}-Actions homework`)).toContainText('in progress');
  await expect(instructor.getByTestId(`cell-${users.otherStudent.email}-Actions homework`)).toContainText('not started');
  await student.goto(assignmentUrl);
  await expect(student.getByTestId('attempt-question-0').locator(`input[data-option="${chosen}"]`)).toBeChecked();
  await expect(student.getByTestId('assignment-status')).toHaveAttribute('data-status', 'in-progress');

  // The rightful users' own replays do what the click would have done.
  expect((await replay(student, submit)).text).toContain('"status":"submitted"');
  await student.goto(assignmentUrl);
  await expect(student.getByTestId('assignment-status')).toHaveAttribute('data-status', 'submitted');
  expect((await replay(instructor, regenerate)).text).toContain('"status":"ok"');
  await instructor.goto(klass.url);
  await expect(instructor.getByTestId('join-code')).not.toHaveText(klass.code);
  expect((await replay(instructor, extend)).text).toContain('"status":"ok"');
  await instructor.goto(klass.url);
  await expect(instructor.getByTestId('assignment-list').locator('time[datetime="2031-01-02T03:04:00.000Z"]')).toHaveCount(1);

  for (const page of [...Object.values(pages), leaverPage]) await page.context().close();
});
