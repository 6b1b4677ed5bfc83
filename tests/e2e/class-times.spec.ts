import type { Page } from '@playwright/test';
import { expect, expectAccessible, newUser, signedInPage, test } from './fixtures';
import { AttemptPage } from './pages/attempt-page';
import { choiceLabel, classCsv as csv, questionsFromAnswersCsv } from './pages/grading-page';
import { moveClock } from './pages/drill-page';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

const HOUR = 3_600_000;
/** The homework's due time: 6:59 PM in New York is 8:59 AM the next day in Seoul. */
const DUE = new Date('2031-12-04T23:59:00Z');

/** Starts the homework, answers right or wrong as planned (questions rebuilt from answers.csv), hands in. */
async function takeHomework(student: Page, instructor: Page, api: string, email: string, plan: readonly boolean[]) {
  await student.goto('/assignments');
  await student.getByRole('link', { name: 'Homework' }).click();
  await student.getByTestId('start-attempt').click();
  await expect(student.getByTestId('attempt-player')).toBeVisible();
  const questions = await questionsFromAnswersCsv(instructor, api, email, 'Homework');
  const attempt = new AttemptPage(student);
  const given = (await attempt.answerAsPlanned(questions, plan)) as string[];
  await attempt.handIn({ blanks: false });
  return { questions, given };
}

test('times are entered in the instructor’s zone and read in each viewer’s; the gradebook and every CSV show labels, times and totals', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const teacher = newUser('INSTRUCTOR');
  const page = await signedInPage(browser, teacher, { timezoneId: 'America/New_York' });
  const teach = new TeachPages(page);
  const klass = await teach.createClass('Zones 101');
  await teach.createSet('Two locks', [{ generator: 'lock-holder', tier: 1, count: 2 }]);
  const api = new URL(klass.url).pathname.replace('/teach/classes/', '/api/teach/classes/');

  // The zone picker starts at the browser's zone.
  await page.goto(klass.url);
  await expect(page.locator('#a-timeZone')).toHaveValue('America/New_York');

  // Defect 1: a timed exam, then an assignment in the same form without a reload. The Kind
  // select and the fields go back to an assignment's; the assignment gets no time limit.
  await teach.assign(klass.url, 'Quiz', { kind: 'exam', timeLimitMinutes: 30, timeZone: 'America/New_York' });
  await expect(page.locator('#a-kind')).toHaveValue('assignment');
  await expect(page.locator('#a-timeLimitMinutes')).toHaveCount(0);
  await expect(page.getByTestId('exam-lockdown')).toHaveCount(0);

  // A time the clocks skip in New York (2031-03-09 02:00 → 03:00) is refused with its reason.
  await page.locator('#a-title').fill('Homework');
  await page.locator('#a-dueAt').fill('2031-03-09T02:30');
  await page.getByRole('button', { name: 'Assign to the class' }).click();
  await expect(page.getByTestId('teach-invalid')).toHaveText('That time does not exist in the chosen time zone: the clocks skip it that day. Choose another time.');
  await expect(page.getByTestId('assignment-list').locator('li')).toHaveCount(1);

  // The homework: due 6:59 PM New York time, entered as such; late work loses 25%.
  await page.locator('#a-title').fill('Homework');
  await page.locator('#a-timeZone').selectOption('America/New_York');
  await page.locator('#a-opensAt').fill('2020-01-01T00:00');
  await page.locator('#a-dueAt').fill('2031-12-04T18:59');
  await page.locator('#a-latePolicy').selectOption('penalty');
  await page.locator('#a-latePenalty').fill('0.25');
  await page.getByRole('button', { name: 'Assign to the class' }).click();
  await expect(page.getByTestId('assignment-list').locator('li')).toHaveCount(2);
  const list = page.getByTestId('assignment-list').locator('li');
  await expect(list.nth(0)).toContainText('Homework');
  await expect(list.nth(0).getByTestId('due-at')).toHaveText('Dec 4, 2031, 6:59 PM EST');
  await expect(list.nth(0).getByTestId('due-at')).toHaveAttribute('datetime', DUE.toISOString());
  await expect(list.nth(0)).not.toContainText('min limit');
  await expect(list.nth(1)).toContainText('Quiz');
  await expect(list.nth(1)).toContainText('30 min limit');
  await expectAccessible(page);

  // Two students in Seoul, one reading English and one Korean, see the due time in their zone.
  const ann = newUser('STUDENT');
  const bo = newUser('STUDENT');
  const annPage = await signedInPage(browser, ann, { timezoneId: 'Asia/Seoul' });
  const boPage = await signedInPage(browser, bo, { timezoneId: 'Asia/Seoul' });
  for (const p of [annPage, boPage]) await new StudentClassesPage(p).join(klass.code, 'You joined Zones 101');
  await boPage.getByTestId('language-ko').click();
  await expect(boPage.locator('html')).toHaveAttribute('lang', 'ko');
  await annPage.goto('/assignments');
  await expect(annPage.getByTestId('assignment-list')).toContainText('Dec 5, 2031, 8:59 AM GMT+9');
  await expectAccessible(annPage);
  await boPage.goto('/assignments');
  await expect(boPage.getByTestId('assignment-list')).toContainText('2031년 12월 5일 오전 8:59 GMT+9');
  await expectAccessible(boPage);
  await boPage.getByTestId('language-en').click();
  await expect(boPage.locator('html')).toHaveAttribute('lang', 'en');

  // Ann hands in now with one of two right; Bo half a day after the due time with both right (late: 75%).
  const annWork = await takeHomework(annPage, page, api, ann.email, [true, false]);
  await expect(annPage.getByTestId('attempt-score')).toHaveText('Score: 50%');
  await moveClock(boPage.context(), baseURL as string, DUE.getTime() + 12 * HOUR - Date.now());
  const boWork = await takeHomework(boPage, page, api, bo.email, [true, true]);
  await expect(boPage.getByTestId('attempt-score')).toHaveText('Score: 75%');

  // The gradebook, read in New York: scores, late flags, hand-in times in EST, points and totals.
  await page.goto(`${new URL(klass.url).pathname}/gradebook`);
  await expect(page.getByTestId(`cell-${ann.email}-Homework`)).toHaveText('50% · submitted');
  await expect(page.getByTestId(`cell-${bo.email}-Homework`)).toHaveText('75% · late');
  await expect(page.getByTestId(`cell-${bo.email}-Quiz`)).toHaveText('— · not started');
  await expect(page.getByTestId(`handed-in-${ann.email}-Homework`)).toContainText('1 / 2 points');
  await expect(page.getByTestId(`handed-in-${ann.email}-Homework`)).toHaveText(/ EST$/);
  await expect(page.getByTestId(`handed-in-${bo.email}-Homework`)).toHaveText(/^1\.5 \/ 2 points · Dec 5, 2031, \d{1,2}:\d{2} AM EST$/);
  await expect(page.getByTestId(`total-${ann.email}`)).toHaveText('1 / 4 points · 25%');
  await expect(page.getByTestId(`total-${bo.email}`)).toHaveText('1.5 / 4 points · 38%');
  // The most chosen wrong answer, and Ann's answers, are labels, never ids or JSON.
  const wrongId = annWork.given[1]!;
  const wrongLabel = choiceLabel(annWork.questions[1]!, wrongId, 'en');
  const stats = page.getByTestId('stats-Homework').locator('tbody tr');
  await expect(stats.nth(1).locator('td').nth(4)).toContainText(`${wrongLabel} ×1`);
  await expect(page.getByTestId('stats-Homework')).not.toContainText(JSON.stringify(wrongId));
  await expectAccessible(page);
  await page.getByRole('link', { name: ann.name, exact: true }).click();
  const detail = page.getByTestId('student-detail').locator('tbody tr');
  await expect(detail).toHaveCount(2);
  await expect(detail.nth(0).locator('td').nth(4)).toHaveText(choiceLabel(annWork.questions[0]!, annWork.given[0]!, 'en'));
  await expect(detail.nth(1).locator('td').nth(4)).toHaveText(wrongLabel);
  await expect(detail.nth(1).locator('td').nth(5)).toHaveText(/ EST$/);
  await expectAccessible(page);

  // gradebook.csv: per assignment score, points, status, UTC hand-in time, late flag; totals.
  const book = await csv(page, `${api}/gradebook.csv`);
  const bookRow = (email: string) => book.rows.find((r) => r.email === email)!;
  expect(bookRow(ann.email)).toMatchObject({ 'Homework score': '50', 'Homework points': '1', 'Homework status': 'submitted', 'Homework late': 'false', 'Quiz points': '0', total_points: '1', points_possible: '4', total_percent: '25' });
  expect(bookRow(ann.email)['Homework submitted_at']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  expect(bookRow(bo.email)).toMatchObject({ 'Homework score': '75', 'Homework points': '1.5', 'Homework status': 'late', 'Homework late': 'true', total_points: '1.5', total_percent: '37.5' });
  expect(bookRow(bo.email)['Homework submitted_at']).toMatch(/^2031-12-05T1[12]:\d{2}:\d{2}Z$/);

  // answers.csv in Korean: Korean headers, the id column for machines and a Korean label beside it, answer times.
  const answers = await csv(page, `${api}/answers.csv?lang=ko`);
  expect(answers.header).toEqual(['학생', '이메일', '과제', '시도', '문항', '생성기', '버전', '시드', '난이도', '정답', '제출한 답 (id)', '제출한 답', '답한 시각 (UTC)', '점수']);
  for (const [who, work] of [
    [ann, annWork],
    [bo, boWork],
  ] as const) {
    const rows = answers.rows.filter((r) => r['이메일'] === who.email && r['과제'] === 'Homework');
    expect(rows).toHaveLength(2);
    rows.forEach((r, i) => {
      expect(JSON.parse(r['제출한 답 (id)']!)).toBe(work.given[i]);
      expect(r['제출한 답']).toBe(choiceLabel(work.questions[i]!, work.given[i]!, 'ko'));
      expect(r['정답']).toBe(choiceLabel(work.questions[i]!, work.questions[i]!.answer as string, 'ko'));
      expect(r['답한 시각 (UTC)']).toMatch(who === bo ? /^2031-12-05T1[12]:\d{2}:\d{2}Z$/ : /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    });
  }
  // The instructor's own language without ?lang=: the English machine headers.
  expect((await csv(page, `${api}/answers.csv`)).header).toContain('submitted_label');

  // Canvas: its identity columns, "Title (id)" columns, the Points Possible line, points per student.
  const canvas = await csv(page, `${api}/canvas.csv`);
  expect(canvas.header.slice(0, 5)).toEqual(['Student', 'ID', 'SIS User ID', 'SIS Login ID', 'Section']);
  const [homeworkColumn, quizColumn] = canvas.header.slice(5);
  expect(homeworkColumn).toMatch(/^Homework \(\w+\)$/);
  expect(quizColumn).toMatch(/^Quiz \(\w+\)$/);
  expect(canvas.rows[0]).toEqual({ Student: 'Points Possible', ID: '', 'SIS User ID': '', 'SIS Login ID': '', Section: '', [homeworkColumn!]: '2', [quizColumn!]: '2' });
  expect(canvas.rows.slice(1)).toEqual([
    { Student: ann.name, ID: '', 'SIS User ID': '', 'SIS Login ID': ann.email, Section: 'Zones 101', [homeworkColumn!]: '1', [quizColumn!]: '' },
    { Student: bo.name, ID: '', 'SIS User ID': '', 'SIS Login ID': bo.email, Section: 'Zones 101', [homeworkColumn!]: '1.5', [quizColumn!]: '' },
  ]);

  // Moodle: the email identifier and a percentage per grade item.
  const moodle = await csv(page, `${api}/moodle.csv`);
  expect(moodle.header).toEqual(['Email address', 'Homework', 'Quiz']);
  expect(moodle.rows).toEqual([
    { 'Email address': ann.email, Homework: '50', Quiz: '' },
    { 'Email address': bo.email, Homework: '75', Quiz: '' },
  ]);

  for (const p of [page, annPage, boPage]) await p.context().close();
});
