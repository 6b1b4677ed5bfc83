import { expect, expectAccessible, newUser, test } from './fixtures';
import { DrillPage, morningOffset, moveClock } from './pages/drill-page';

const THREAD_TOPICS = ['lock', 'event', 'daemon'];

test('a new student drills the threads topics with the keyboard, undoes a review, and comes back the next day', async ({
  page,
  context,
  baseURL,
  signUp,
}) => {
  test.setTimeout(240_000);
  // Everything up to "two days later" happens on one day, whenever the test runs.
  const morning = morningOffset();
  await moveClock(context, baseURL as string, morning);
  await signUp(newUser());
  const drill = new DrillPage(page);
  await drill.goto();
  await expect(page.getByTestId('nothing-due')).toBeVisible();
  await drill.addTopics(THREAD_TOPICS);
  const total = Number(await drill.count('new').textContent());
  expect(total).toBeGreaterThanOrEqual(5);
  await page.getByTestId('start-review').focus();
  await page.keyboard.press('Enter');

  let standing = 0; // reviews that count (the undone one does not)
  let previousGenerator = '';
  for (let i = 0; i < total; i++) {
    await expect(page.getByTestId('drill-player')).toBeVisible();
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(i));
    const question = await drill.currentQuestion();
    expect(question.ref.generator, 'never two variants of one generator in a row').not.toBe(previousGenerator);

    if (i === 1) {
      // Answer wrongly, then undo: the same question comes back and the progress goes back.
      await drill.answerWithKeys(question, false);
      await expect(page.getByTestId('rate-1')).toBeVisible();
      await page.keyboard.press('u');
      await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(i));
      await expect(page.getByTestId('verdict')).toHaveCount(0);
      const again = await drill.currentQuestion();
      expect(again.ref).toEqual(question.ref);
    }
    const right = i !== 2; // one wrong answer stays in the log: rated Again
    await drill.answerWithKeys(question, right);
    await expect(page.getByTestId('explanation')).toBeVisible();
    if (question.domain === 'threads' && question.response.kind !== 'schedule') await expect(page.getByTestId('timeline')).toBeVisible();
    if (right) {
      await expect(page.getByTestId('rate-3')).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByTestId('rate-1')).toHaveCount(0);
    }
    standing += 1;
    previousGenerator = question.ref.generator;
    await page.keyboard.press(' ');
  }
  // Wait for the page after the last answer: either the end, or a card in its learning steps.
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(total));
  await expect(page.getByTestId('verdict')).toHaveCount(0);
  while (await page.getByTestId('drill-player').isVisible()) {
    const question = await drill.currentQuestion();
    await drill.answerWithKeys(question, true);
    standing += 1;
    await page.keyboard.press(' ');
    await expect(page.getByTestId('verdict')).toHaveCount(0);
  }
  await moveClock(context, baseURL as string, morning + 20 * 60 * 1000);
  await page.goto('/drill/review');
  while (await page.getByTestId('drill-player').isVisible()) {
    const question = await drill.currentQuestion();
    await drill.answerWithKeys(question, true);
    standing += 1;
    await page.keyboard.press(' ');
    await expect(page.getByTestId('verdict')).toHaveCount(0);
  }
  await expect(page.getByTestId('session-done')).toBeVisible();

  // Stats count every standing review (not the undone one) and today's streak.
  await page.goto('/stats');
  await expect(page.getByText(`${standing} reviews`, { exact: true })).toBeVisible();
  await expect(page.getByTestId('stats-streak')).toHaveAttribute('data-streak', '1');
  await expectAccessible(page);

  // Two days later, the learned skills are due again and today's counters start at zero.
  await moveClock(context, baseURL as string, morning + 2 * 24 * 3600 * 1000);
  await drill.goto();
  await expect(drill.count('done')).toHaveText('0');
  expect(Number(await drill.count('due').textContent())).toBeGreaterThan(0);
});

test('the same review answered in two tabs counts once', async ({ page, context, signUp }) => {
  await signUp(newUser());
  const drill = new DrillPage(page);
  await drill.goto();
  await drill.addTopics(['lock']);
  await page.getByTestId('start-review').click();
  const other = await context.newPage();
  await other.goto('/drill/review');
  const question = await drill.currentQuestion();
  expect((await new DrillPage(other).currentQuestion()).ref).toEqual(question.ref);

  await drill.answerWithKeys(question, true);
  // The second tab submits the same review: it is shown the recorded result, nothing is added.
  await new DrillPage(other).answerWithKeys(question, true);
  await page.keyboard.press(' ');
  await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');
  await other.close();
});

test('settings: bad values are refused with a message and change nothing', async ({ page, signUp }) => {
  await signUp(newUser());
  await page.goto('/settings');
  await page.locator('#desiredRetention').fill('0.5');
  await page.locator('#timeZone').fill('Mars/Olympus');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('error-desiredRetention')).toBeVisible();
  await expect(page.getByTestId('error-timeZone')).toBeVisible();
  await page.reload();
  await expect(page.locator('#desiredRetention')).toHaveValue('0.9');
  await page.locator('#newPerDay').fill('3');
  await page.locator('#timeZone').fill('Asia/Seoul');
  await page.getByTestId('save-settings').click();
  await expect(page.getByTestId('settings-saved')).toBeVisible();
  await page.reload();
  await expect(page.locator('#newPerDay')).toHaveValue('3');
});
