/**
 * Issue 13's journey, as an instructor runs a course: the instructor (New York, English) sets a
 * timed class exam's due time; a student in Seoul reading Korean sees it in her zone; one student
 * has extra time, the other an extension; both take the exam with the navigator, one hands in
 * with a blank after confirming; the instructor overrides a score with a reason, regrades,
 * previews the exam as a student (it never counts), imports a roster and downloads the CSVs.
 * Every figure is worked out here from the answers the test gave.
 */
import type { Page } from '@playwright/test';
import { expect, expectAccessible, newUser, signedInPage, test } from './fixtures';
import { AttemptPage, recordResponses } from './pages/attempt-page';
import { StudentGradingPage, choiceLabel, classCsv, questionsFromAnswersCsv } from './pages/grading-page';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

const HOUR = 3_600_000;
/** The exam's due time, entered as 6:59 PM in New York: 8:59 AM the next day in Seoul, 0:59 AM in Berlin. */
const DUE = new Date('2031-12-04T23:59:00Z');
const LIMIT = 10;
const MULTIPLIER = 1.5;
/** Extra time moves the student's window end by the minutes it adds (ceil(10 × 1.5) − 10 = 5). */
const EXTRA_MINUTES = Math.ceil(LIMIT * MULTIPLIER) - LIMIT;
/** Min's extension, entered in New York: 6:59 PM EST on Dec 6 is 8:59 AM on Dec 7 in Seoul. */
const EXTENDED_LOCAL = '2031-12-06T18:59';

/** Opens an assignment (by default the exam) from the student's assignment list. */
async function openExam(page: Page, title = 'Final') {
  await page.goto('/assignments');
  await page.getByRole('link', { name: title }).click();
  await expect(page.getByTestId('assignment-status')).toBeVisible();
}

/** Percent as the app rounds it. */
const pct = (x: number) => `${Math.round(x * 100)}%`;

test('the course journey: zones, extra time and an extension, the timed exam with the navigator, override, regrade, preview, roster, LMS CSVs', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const teacher = newUser('INSTRUCTOR');
  const [ana, min, cho] = [newUser(), newUser(), newUser()];
  const page = await signedInPage(browser, teacher, { timezoneId: 'America/New_York' });
  const teach = new TeachPages(page);
  const klass = await teach.createClass('Journey 301');
  const classPath = new URL(klass.url).pathname;
  const api = classPath.replace('/teach/classes/', '/api/teach/classes/');
  await teach.createSet('Two locks', [{ generator: 'lock-holder', tier: 1, count: 2 }]);
  await teach.assign(klass.url, 'Final', { kind: 'exam', opensAt: new Date(Date.now() - HOUR), dueAt: DUE, timeLimitMinutes: LIMIT, lockdown: false, timeZone: 'America/New_York' });
  await expect(page.getByTestId('assignment-list').getByTestId('due-at')).toHaveText('Dec 4, 2031, 6:59 PM EST');

  // Ana reads English in Berlin; Min reads Korean in Seoul; Cho has an account but has not joined.
  const anaPage = await signedInPage(browser, ana, { timezoneId: 'Europe/Berlin' });
  const minPage = await signedInPage(browser, min, { timezoneId: 'Asia/Seoul' });
  const choPage = await signedInPage(browser, cho);
  await new StudentClassesPage(anaPage).join(klass.code, 'Journey 301');
  await new StudentClassesPage(minPage).join(klass.code, 'Journey 301');
  await minPage.getByTestId('language-ko').click();
  await expect(minPage.locator('html')).toHaveAttribute('lang', 'ko');
  await minPage.goto('/assignments');
  await expect(minPage.getByTestId('assignment-list')).toContainText('2031년 12월 5일 오전 8:59 GMT+9');

  // Accommodations: Ana 1.5× time, Min her own due time (entered in New York time).
  const grading = new StudentGradingPage(page);
  await grading.openFromGradebook(klass.url, ana.email);
  await grading.setMultiplier(String(MULTIPLIER));
  await grading.openFromGradebook(klass.url, min.email);
  await grading.setExtension('Final', EXTENDED_LOCAL);

  // Each sees their own due time in their own zone, and their own clock.
  await openExam(anaPage);
  // 0:59 AM in Berlin, plus her 5 extra minutes.
  expect(EXTRA_MINUTES).toBe(5);
  await expect(anaPage.locator('main')).toContainText('Due Dec 5, 2031, 1:04 AM GMT+1');
  await anaPage.getByTestId('start-attempt').click();
  await expect(anaPage.getByTestId('time-left').getByRole('timer')).toHaveText(/^(15:00|14:\d\d)$/);
  await openExam(minPage);
  await expect(minPage.locator('main')).toContainText('2031년 12월 7일 오전 8:59 GMT+9');
  await minPage.getByTestId('start-attempt').click();
  await expect(minPage.getByTestId('time-left').getByRole('timer')).toHaveText(/^(10:00|09:\d\d)$/);

  // An exam's seeds are per student: each one's questions, rebuilt from the instructor's answers.csv.
  const anaQuestions = await questionsFromAnswersCsv(page, api, ana.email, 'Final');
  const minQuestions = await questionsFromAnswersCsv(page, api, min.email, 'Final');
  expect([anaQuestions.length, minQuestions.length]).toEqual([2, 2]);

  // Ana jumps with the navigator to question 2 first; she answers 1 wrong, 2 right.
  const anaAttempt = new AttemptPage(anaPage);
  await anaPage.getByTestId('nav-1').click();
  await expect(anaPage).toHaveURL(/#question-2$/);
  const anaGiven = await anaAttempt.answerAsPlanned(anaQuestions, [false, true]);
  await expect(anaPage.getByTestId('nav-0')).toHaveAttribute('data-answered', 'true');
  await expect(anaPage.getByTestId('nav-1')).toHaveAttribute('data-answered', 'true');
  await expect(anaPage.getByTestId('answered-count')).toHaveText('2 of 2 answered');
  await anaAttempt.handIn({ blanks: false });
  await expect(anaPage.getByTestId('attempt-score')).toHaveText(`Score: ${pct(1 / 2)}`);

  // Min answers 1 right, leaves 2 blank, and confirms the hand-in with the blank.
  const minAttempt = new AttemptPage(minPage);
  const minGiven = await minAttempt.answerAsPlanned(minQuestions, [true, null]);
  await expect(minPage.getByTestId('nav-1')).toHaveAttribute('data-answered', 'false');
  await expect(minPage.getByTestId('answered-count')).toHaveText('2문항 중 1문항 답함');
  await minPage.getByTestId('submit-attempt').click();
  await expect(minPage.getByTestId('review-blanks')).toHaveText('1문항에 답하지 않았습니다 (2). 답하지 않은 문항은 0점입니다.');
  await minPage.getByTestId('confirm-hand-in').click();
  await expect(minPage.getByTestId('attempt-score')).toHaveText(`점수: ${pct(1 / 2)}`);

  // The instructor gives Ana half credit on her wrong question 1, then regrades.
  const reason = 'Named the right lock, wrong order: half credit';
  await grading.openFromGradebook(klass.url, ana.email);
  await grading.override('Final', 1, 1, 50, reason);
  await page.reload();
  await expect(page.getByTestId('override-trail')).toContainText('0% → 50%');
  await expect(page.getByTestId('override-trail')).toContainText(reason);
  // Ana's total: (0.5 + 1) / 2; Min's: (1 + 0) / 2.
  const anaScore = (0.5 + 1) / 2;
  const minScore = (1 + 0) / 2;
  expect(await grading.total('Final')).toBe(Math.round(anaScore * 100));
  const report = await grading.regrade('Final');
  // Three answers were given (Ana's two, Min's one); the grader still scores Ana's question 1 at 0, and the override stands.
  await expect(report).toContainText('Regraded 3 answers: 1 change.');
  await expect(report).toContainText(`${ana.name} · Question 1: 50% → 0% (override kept)`);

  // Preview as a student: the same player, questions and clock, labelled, and it never counts.
  await page.goto(klass.url);
  await page.getByRole('link', { name: 'Preview Final as a student' }).click();
  await expect(page).toHaveURL(new RegExp(`${classPath}/preview/[^/]+$`));
  await expect(page.getByTestId('preview-badge')).toHaveText('Preview');
  await expect(page.getByTestId('preview-notice')).toContainText('never counts');
  await expectAccessible(page);
  const seen = await recordResponses(page, new URL(baseURL as string).origin);
  await page.getByRole('button', { name: 'Start the preview' }).click();
  const preview = new AttemptPage(page);
  await expect(page.getByTestId('time-left').getByRole('timer')).toHaveText(/^(10:00|09:\d\d)$/);
  await expect(page.getByTestId('navigator').locator('a')).toHaveCount(2);
  await preview.answerFirstOption(0);
  await expect(preview.saveStatus(0)).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId('answered-count')).toHaveText('1 of 2 answered');
  // Nothing the browser got while the preview ran names its generator (nor, so, a ref to rebuild it from).
  expect(seen.bodies.length).toBeGreaterThan(1);
  for (const body of seen.bodies) expect(body).not.toContain('lock-holder');
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  // An exam shows nothing before hand-in, and the score and answers after it, as a student's does.
  await preview.handIn({ blanks: true });
  await expect(page.getByTestId('attempt-score')).toHaveText(/^Score: (0|50)%$/);
  await expectAccessible(page);
  // A restart discards it and starts again, blank.
  await page.getByRole('button', { name: 'Restart the preview' }).click();
  await expect(page.getByTestId('answered-count')).toHaveText('0 of 2 answered');
  await expect(page.locator('#current-attempt')).toHaveText('Preview · Attempt 2');
  // The same page in Korean, then back to English for the rest.
  await page.getByTestId('language-ko').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByTestId('preview-badge')).toHaveText('미리 보기');
  await expect(page.getByTestId('preview-notice')).toContainText('점수에 반영되지 않습니다');
  await expect(page.getByRole('button', { name: '미리 보기 다시 시작' })).toBeVisible();
  await expect(page.getByTestId('answered-count')).toHaveText('2문항 중 0문항 답함');
  await expectAccessible(page);
  await page.getByTestId('language-en').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');

  // Roster import: Min is already in, Cho joins, a new address is invited, a bad line is refused.
  const invited = `invited-${ana.email}`;
  await page.goto(klass.url);
  await page.getByTestId('roster-import-toggle').click();
  await page.locator('#roster-emails').fill([min.email, cho.email, invited, 'not an email'].join('\n'));
  await page.getByTestId('roster-import').getByRole('button', { name: 'Import' }).click();
  const results = page.getByTestId('roster-results').locator('li');
  await expect(results).toHaveText([
    `Line 1 (${min.email}): already in the class.`,
    `Line 2 (${cho.email}): joined the class.`,
    `Line 3 (${invited}): invited: joins on sign-up.`,
    'Line 4 (not an email): refused: no single email address on this line.',
  ]);
  await page.reload();
  await expect(page.getByTestId('pending-invitations')).toHaveText(invited);
  await expect(page.getByTestId('roster')).toContainText(cho.email);

  // The gradebook, read in New York: the preview is nowhere; every figure from the answers above.
  await page.goto(`${classPath}/gradebook`);
  await expect(page.getByTestId('gradebook')).not.toContainText(teacher.email);
  await expect(page.getByTestId(`cell-${ana.email}-Final`)).toHaveText(`${pct(anaScore)} · submitted`);
  // Min's cell carries her extension, in the instructor's zone as it was entered.
  await expect(page.getByTestId(`cell-${min.email}-Final`)).toHaveText(`${pct(minScore)} · submitted⏱ Accommodations: due ${EXTENDED_LOCAL} America/New_York`);
  await expect(page.getByTestId(`cell-${cho.email}-Final`)).toHaveText('— · not started');
  await expect(page.getByTestId(`handed-in-${ana.email}-Final`)).toHaveText(/^1\.5 \/ 2 points · .+ EST$/);
  await expect(page.getByTestId(`handed-in-${min.email}-Final`)).toHaveText(/^1 \/ 2 points · .+ EST$/);
  await expect(page.getByTestId(`total-${ana.email}`)).toHaveText(`1.5 / 2 points · ${pct(anaScore)}`);
  await expect(page.getByTestId(`total-${min.email}`)).toHaveText(`1 / 2 points · ${pct(minScore)}`);
  await expect(page.getByTestId(`total-${cho.email}`)).toHaveText('0 / 2 points · 0%');
  await expect(page.getByTestId(`accommodation-${ana.email}`)).toContainText('1.5× time');
  // Statistics over Ana (75%, upper group) and Min (50%, lower): question 1 scored 0.5 and 1,
  // question 2 scored 1 and 0 (a blank); Ana's wrong option is the only wrong answer.
  const stats = page.getByTestId('stats-Final').locator('tbody tr');
  await expect(stats).toHaveCount(2);
  await expect(stats.nth(0).locator('td')).toHaveText(['1', '2', pct((0.5 + 1) / 2), (0.5 - 1).toFixed(2), new RegExp(`^${escape(choiceLabel(anaQuestions[0]!, anaGiven[0]!, 'en'))} ×1`)]);
  await expect(stats.nth(1).locator('td')).toHaveText(['2', '1', pct((1 + 0) / 2), (1 - 0).toFixed(2), '—']);
  await expectAccessible(page);

  // gradebook.csv: scores, points, statuses, late flags and totals, the preview absent.
  const book = await classCsv(page, `${api}/gradebook.csv`);
  expect(book.rows.map((r) => r.email)).toEqual([ana.email, min.email, cho.email]);
  expect(book.rows[0]).toMatchObject({ 'Final score': '75', 'Final points': '1.5', 'Final status': 'submitted', 'Final late': 'false', total_points: '1.5', points_possible: '2', total_percent: '75' });
  expect(book.rows[1]).toMatchObject({ 'Final score': '50', 'Final points': '1', 'Final status': 'submitted', 'Final late': 'false', total_points: '1', points_possible: '2', total_percent: '50' });
  expect(book.rows[2]).toMatchObject({ 'Final score': '', 'Final points': '0', 'Final status': 'not-started', 'Final submitted_at': '', total_points: '0', points_possible: '2', total_percent: '0' });

  // answers.csv in Korean: the students' four rows (the preview's none), labels beside the ids.
  const answers = await classCsv(page, `${api}/answers.csv?lang=ko`);
  answers.rows.sort((a, b) => Number(a['이메일'] === min.email) - Number(b['이메일'] === min.email) || Number(a['문항']) - Number(b['문항']));
  expect(answers.rows.map((r) => [r['이메일'], r['문항']])).toEqual([
    [ana.email, '1'],
    [ana.email, '2'],
    [min.email, '1'],
    [min.email, '2'],
  ]);
  const given = [...anaGiven, ...minGiven];
  answers.rows.forEach((r, i) => {
    const question = (i < 2 ? anaQuestions : minQuestions)[i % 2]!;
    expect(r['정답']).toBe(choiceLabel(question, question.answer as string, 'ko'));
    expect(r['제출한 답']).toBe(given[i] ? choiceLabel(question, given[i]!, 'ko') : '');
  });
  expect(answers.rows.map((r) => Number(r['점수']))).toEqual([0.5, 1, 1, 0]);

  // Canvas: the Points Possible line, then points per student (blank when not handed in).
  const canvas = await classCsv(page, `${api}/canvas.csv`);
  const column = canvas.header[5]!;
  expect(canvas.header).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section', column]);
  expect(column).toMatch(/^Final \(\w+\)$/);
  expect(canvas.rows).toEqual([
    { Student: 'Points Possible', ID: '', 'SIS User ID': '', 'SIS Login ID': '', Section: '', [column]: '2' },
    { Student: ana.name, ID: '', 'SIS User ID': '', 'SIS Login ID': ana.email, Section: 'Journey 301', [column]: '1.5' },
    { Student: min.name, ID: '', 'SIS User ID': '', 'SIS Login ID': min.email, Section: 'Journey 301', [column]: '1' },
    { Student: cho.name, ID: '', 'SIS User ID': '', 'SIS Login ID': cho.email, Section: 'Journey 301', [column]: '' },
  ]);
  // Moodle: the email identifier and a percentage per grade item.
  const moodle = await classCsv(page, `${api}/moodle.csv`);
  expect(moodle.header).toEqual(['Email address', 'Final']);
  expect(moodle.rows).toEqual([
    { 'Email address': ana.email, Final: '75' },
    { 'Email address': min.email, Final: '50' },
    { 'Email address': cho.email, Final: '' },
  ]);

  // The students' own views: their scores as the gradebook has them, nothing of the preview.
  await anaPage.goto('/assignments');
  await expect(anaPage.getByTestId('assignment-list')).toContainText(pct(anaScore));
  await minPage.goto('/assignments');
  await expect(minPage.getByTestId('assignment-list')).toContainText(pct(minScore));

  for (const p of [page, anaPage, minPage, choPage]) await p.context().close();
});

test('a homework previewed before it opens: feedback after each question as the students will get it, and their gradebook untouched', async ({ browser }) => {
  test.setTimeout(180_000);
  const teacher = newUser('INSTRUCTOR');
  const student = newUser();
  const page = await signedInPage(browser, teacher);
  const teach = new TeachPages(page);
  const klass = await teach.createClass('Preview 101');
  await teach.createSet('Locks', [{ generator: 'lock-holder', tier: 1, count: 2 }]);
  await teach.assign(klass.url, 'Reading', { opensAt: new Date(Date.now() + 24 * HOUR), dueAt: new Date(Date.now() + 48 * HOUR), showAnswers: 'after-question' });
  const studentPage = await signedInPage(browser, student);
  await new StudentClassesPage(studentPage).join(klass.code, 'Preview 101');

  // Not open yet for the student; the instructor tries it all the same.
  await openExam(studentPage, 'Reading');
  await expect(studentPage.getByTestId('assignment-status')).toHaveAttribute('data-status', 'upcoming');
  await expect(studentPage.getByTestId('start-attempt')).toHaveCount(0);
  await page.goto(klass.url);
  await page.getByRole('link', { name: 'Preview Reading as a student' }).click();
  await page.getByRole('button', { name: 'Start the preview' }).click();
  const preview = new AttemptPage(page);
  await expect(page.getByTestId('time-left')).toHaveCount(0);
  await preview.answerFirstOption(0);
  await expect(preview.saveStatus(0)).toHaveAttribute('data-status', 'saved');
  // "After each question": the verdict and its explanation come at once, the next question has none.
  await expect(preview.question(0).getByTestId('toggle-explanation')).toBeVisible();
  await expect(preview.question(1).getByTestId('toggle-explanation')).toHaveCount(0);
  await expectAccessible(page);
  await preview.handIn({ blanks: true });

  // The student's gradebook row and the statistics are as if nobody had worked on it.
  await page.goto(`${new URL(klass.url).pathname}/gradebook`);
  await expect(page.getByTestId(`cell-${student.email}-Reading`)).toHaveText('— · not started');
  await expect(page.getByTestId(`total-${student.email}`)).toHaveText('0 / 2 points · 0%');
  await expect(page.getByTestId('stats-Reading')).toHaveCount(0);
  await openExam(studentPage, 'Reading');
  await expect(studentPage.getByTestId('attempt-player')).toHaveCount(0);
  for (const p of [page, studentPage]) await p.context().close();
});

/** A label as a literal inside a regular expression. */
function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
