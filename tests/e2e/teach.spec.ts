import { expect, expectAccessible, newUser, signedInPage, test } from './fixtures';
import { StudentClassesPage, TeachPages } from './pages/teach-pages';

test('an instructor creates a class, a set and an assignment; students join with the code', async ({ page, browser, signUp, header }) => {
  test.setTimeout(180_000);
  await signUp(newUser('INSTRUCTOR'));
  const teach = new TeachPages(page);
  const klass = await teach.createClass('OS 101');
  expect(klass.code).toMatch(/^[A-Z2-9]{8}$/);
  await expectAccessible(page);
  await teach.createSet('Locks week', [
    { generator: 'lock-holder', tier: 2, count: 2 },
    { generator: 'acquire-result', tier: 1, count: 1 },
  ]);
  await expectAccessible(page);
  await teach.assign(klass.url, 'Homework 1');

  // A student joins with the code (case and dashes do not matter); a wrong code changes nothing.
  const student = newUser('STUDENT');
  const other = await signedInPage(browser, student);
  const classes = new StudentClassesPage(other);
  await classes.join('NOPE-NOPE', 'No class has that code');
  await classes.join(`${klass.code.slice(0, 4).toLowerCase()}-${klass.code.slice(4)}`, 'You joined OS 101');
  await expect(other.getByTestId('my-classes')).toContainText('OS 101');
  await expectAccessible(other);
  // The student cannot open the instructor's class page.
  const forbidden = await other.goto(klass.url);
  expect(forbidden?.status()).toBe(403);
  await other.context().close();

  // The roster shows the student; the gradebook lists them as not started; the CSV agrees.
  await page.goto(klass.url);
  await expect(page.getByTestId('roster')).toContainText(student.name);
  await page.getByTestId('gradebook-link').click();
  await expect(page.getByTestId(`cell-${student.email}-Homework 1`)).toContainText('not started');
  await expectAccessible(page);
  const csv = await page.request.get(klass.url.replace('/teach/classes/', '/api/teach/classes/') + '/gradebook.csv');
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain(student.email);
  expect(text).toContain('Homework 1 status');
  expect(text).toContain('not-started');

  // Regenerating the code invalidates the old one.
  await page.goto(klass.url);
  await page.getByTestId('regenerate-code').click();
  await expect(page.getByTestId('join-code')).not.toHaveText(klass.code);
  const newCode = (await page.getByTestId('join-code').textContent()) as string;
  const late = await signedInPage(browser, newUser('STUDENT'));
  const lateClasses = new StudentClassesPage(late);
  await lateClasses.join(klass.code, 'No class has that code');
  await expect(late.getByTestId('my-classes')).toHaveCount(0);
  await lateClasses.join(newCode, 'You joined OS 101');
  await late.context().close();

  // Another instructor sees none of it.
  await header.signOut();
  await signUp(newUser('INSTRUCTOR'));
  expect((await page.goto(klass.url))?.status()).toBe(404);
  expect((await page.request.get(klass.url.replace('/teach/classes/', '/api/teach/classes/') + '/gradebook.csv')).status()).toBe(404);
});

test('teach exports refuse anonymous and student requests', async ({ page, signUp, request }) => {
  await signUp(newUser('STUDENT'));
  for (const csv of ['gradebook.csv', 'answers.csv', 'canvas.csv', 'moodle.csv']) {
    expect((await request.get(`/api/teach/classes/anything/${csv}`)).status()).toBe(401);
    expect((await page.request.get(`/api/teach/classes/anything/${csv}`)).status()).toBe(403);
  }
});
