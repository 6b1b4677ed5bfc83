/**
 * Issue 16's journey, keyboard only, in Korean, at phone size (390 × 844): a learner with 400+
 * reviews (imported) optimizes and uses the fitted weights; then a learner's day with the lock
 * topic: the skill browser suspends and buries skills, extra practice on a skill leaves its
 * schedule as it was, the review queue leaves the suspended and buried skills out, the rating
 * buttons show intervals, and the learning-later count and the session summary add up. No
 * screen scrolls sideways and each is axe clean.
 */
import type { Browser } from '@playwright/test';
import { syntheticProgressNear } from '@/tests/support/synthetic-progress';
import { expect, expectAccessible, newUser, signedInPage, test } from './fixtures';
import { DrillPage } from './pages/drill-page';

const PHONE = { locale: 'ko-KR', viewport: { width: 390, height: 844 } };
const PRACTICE_COUNT = 5;

async function phoneLearner(browser: Browser) {
  const page = await signedInPage(browser, newUser(), PHONE);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  return { page, drill: new DrillPage(page) };
}

/** Each screen of the journey: no sideways scrolling at 390 px, and no serious axe violation. */
async function checkScreen(drill: DrillPage) {
  await drill.expectNoHorizontalScroll();
  await expectAccessible(drill.page);
}

test('[ko, phone] a learner with 400+ imported reviews optimizes and uses the fitted weights', async ({ browser }) => {
  test.setTimeout(150_000);
  const { page, drill } = await phoneLearner(browser);
  const file = syntheticProgressNear(new Date());
  expect(file.reviews.length).toBeGreaterThanOrEqual(400);
  await drill.importProgress(file);
  await checkScreen(drill);
  const { current, fitted } = await drill.optimize();
  expect(fitted).toBeLessThan(current);
  await expect(page.getByTestId('optimize-verdict')).toHaveText(/더 잘 예측하므로/);
  await checkScreen(drill);
  const exported = (await (await page.request.get('/api/export/progress.json')).json()) as { settings: { weights: number[] | null } };
  expect(exported.settings.weights).toHaveLength(21);
  await page.getByTestId('weights-in-use').focus();
  await expect(page.getByTestId('weights')).toHaveText(exported.settings.weights!.map((w) => w.toFixed(4)).join(', '), { useInnerText: false });
  await page.context().close();
});

test('[ko, phone] skill browser, extra practice that keeps the schedule, then the day’s reviews with intervals, later count and summary', async ({ browser }) => {
  test.setTimeout(240_000);
  const { page, drill } = await phoneLearner(browser);
  await drill.goto();
  await drill.addTopics(['lock']);
  const total = Number(await drill.count('new').textContent());
  expect(total).toBeGreaterThanOrEqual(4);
  await checkScreen(drill);

  // The skill browser: suspend one skill, bury another.
  await drill.press('skills-link');
  await expect(page.getByTestId('skills').locator('tbody tr')).toHaveCount(total);
  const generators = await page.getByTestId('skills').locator('tbody tr th').evaluateAll((cells) => cells.map((c) => c.textContent!.trim()));
  const [suspended, buried, practised] = generators as [string, string, string];
  await drill.press(`suspend-${suspended}`);
  await expect(page.getByTestId(`unsuspend-${suspended}`)).toBeVisible();
  await drill.press(`bury-${buried}`);
  await expect(page.getByTestId(`bury-${buried}`)).toHaveCount(0);
  await checkScreen(drill);

  // Extra practice on a third skill, entered from the browser: answers recorded, schedule kept.
  const scheduleBefore = await drill.skillSchedule(practised);
  await drill.press(`practise-${practised}`);
  await expect(page.getByTestId('schedule-kept')).toBeVisible();
  await checkScreen(drill);
  for (let i = 0; i < PRACTICE_COUNT; i++) {
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(i));
    const question = await drill.currentQuestion('practice-ref');
    expect(question.ref.generator).toBe(practised);
    await drill.answerWithKeys(question, i % 2 === 0);
    if (i === 0) await checkScreen(drill);
    await page.keyboard.press('Enter');
  }
  await expect(page.getByTestId('practice-score')).toHaveText(`${PRACTICE_COUNT}문제 중 ${Math.ceil(PRACTICE_COUNT / 2)}문제를 맞혔습니다. 복습 일정은 그대로입니다.`);
  await checkScreen(drill);
  await page.goto('/drill/skills');
  expect(await drill.skillSchedule(practised)).toEqual(scheduleBefore);
  await expect(page.getByTestId(`state-${practised}`)).toHaveText('새 기술');

  // Practice is not a review: the day's counts are untouched, and the queue leaves out the suspended and buried skills.
  await drill.goto();
  await expect(drill.count('done')).toHaveText('0');
  await expect(drill.count('new')).toHaveText(String(total - 2));
  await drill.press('start-review');
  for (let i = 0; i < total - 2; i++) {
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(i));
    const question = await drill.currentQuestion();
    expect([suspended, buried]).not.toContain(question.ref.generator);
    await drill.answerWithKeys(question, true);
    // A new card answered right: Good brings it back after the 10-minute learning step.
    await expect(page.getByTestId('interval-3')).toHaveText('10분');
    await expect(page.getByTestId('interval-4')).toHaveText(/일$/);
    if (i === 0) await checkScreen(drill);
    await page.keyboard.press(' ');
  }
  await expect(page.getByTestId('session-summary')).toBeVisible();
  await expect(page.getByTestId('summary-reviewed')).toHaveText(String(total - 2));
  await expect(page.getByTestId('summary-correct')).toHaveText('100%');
  await expect(page.getByTestId('summary-later')).toContainText(String(total - 2));
  await checkScreen(drill);
  await drill.goto();
  await expect(drill.count('due')).toHaveText('0');
  await expect(page.getByTestId('later-count')).toHaveText(String(total - 2));
  await expect(drill.count('done')).toHaveText(String(total - 2));
  await checkScreen(drill);
  await page.context().close();
});
