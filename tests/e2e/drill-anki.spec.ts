/**
 * Daily drills as an Anki user expects them, keyboard only, in English and Korean: a learner
 * with over 400 reviews (seeded through the progress import, the file built here) optimizes
 * FSRS on them and sees both figures and their own weights in use; the rating buttons show
 * intervals; learning cards due later today are counted apart and the session ends with a
 * summary; the skill browser suspends and buries skills and the queue leaves them out.
 */
import type { Browser, Page } from '@playwright/test';
import { default_w } from 'ts-fsrs';
import { syntheticProgressNear } from '@/tests/support/synthetic-progress';
import { expect, expectAccessible, newUser, signedInPage, test } from './fixtures';
import { DrillPage } from './pages/drill-page';

const LANGS = [
  { lang: 'en', locale: 'en-US', adopted: /predict your reviews better/, minutes: /^10m$/, again: /only for a wrong answer/ },
  { lang: 'ko', locale: 'ko-KR', adopted: /더 잘 예측하므로/, minutes: /^10분$/, again: /틀린 답에만/ },
] as const;

const learnerIn = (browser: Browser, locale: string) => signedInPage(browser, newUser(), { locale });

/** A new learner with the lock topic in their deck: the page, its drill page object and how many skills are new. */
async function learnerWithLockDeck(browser: Browser, locale: string) {
  const page = await learnerIn(browser, locale);
  const drill = new DrillPage(page);
  await drill.goto();
  await drill.addTopics(['lock']);
  return { page, drill, total: Number(await drill.count('new').textContent()) };
}

const press = (page: Page, testId: string) => new DrillPage(page).press(testId);

for (const L of LANGS) {
  test(`[${L.lang}] a learner with 400+ imported reviews optimizes FSRS, sees both figures and uses the fitted weights`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await learnerIn(browser, L.locale);
    await expect(page.locator('html')).toHaveAttribute('lang', L.lang);
    const file = syntheticProgressNear(new Date());
    expect(file.reviews.length).toBeGreaterThanOrEqual(400);
    const drill = new DrillPage(page);
    await drill.importProgress(file);
    await page.goto('/settings');
    await expect(page.getByTestId('optimizer-reviews')).toContainText(String(file.reviews.length));
    const { current, fitted } = await drill.optimize();
    expect(fitted).toBeLessThan(current);
    await expect(page.getByTestId('optimize-verdict')).toHaveText(L.adopted);
    await expect(page.getByTestId('reset-weights')).toBeEnabled();
    await expectAccessible(page);

    // The weights in use are the fitted ones, and the export carries them.
    const exported = (await (await page.request.get('/api/export/progress.json')).json()) as { version: number; settings: { weights: number[] | null } };
    expect(exported.version).toBe(2);
    expect(exported.settings.weights).toHaveLength(21);
    expect(exported.settings.weights).not.toEqual([...default_w]);
    await page.getByTestId('weights-in-use').focus();
    await expect(page.getByTestId('weights')).toHaveText(exported.settings.weights!.map((w) => w.toFixed(4)).join(', '), { useInnerText: false });

    // Reset to defaults.
    await press(page, 'reset-weights');
    await expect(page.getByTestId('optimize-message')).toBeVisible();
    const reset = (await (await page.request.get('/api/export/progress.json')).json()) as { settings: { weights: number[] | null } };
    expect(reset.settings.weights).toBeNull();
    await page.context().close();
  });

  test(`[${L.lang}] rating buttons show intervals, learning cards due later are counted apart, and the session ends with a summary`, async ({ browser }) => {
    test.setTimeout(180_000);
    const { page, drill, total } = await learnerWithLockDeck(browser, L.locale);
    expect(total).toBeGreaterThanOrEqual(2);
    await press(page, 'start-review');
    for (let i = 0; i < total; i++) {
      await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(i));
      await drill.answerWithKeys(await drill.currentQuestion(), true);
      // A new card: Good brings it back after the 10-minute learning step; Easy after days.
      await expect(page.getByTestId('interval-3')).toHaveText(L.minutes);
      await expect(page.getByTestId('interval-2')).toBeVisible();
      await expect(page.getByTestId('interval-4')).toBeVisible();
      if (i === 0) {
        await page.keyboard.press('1');
        await expect(page.getByTestId('drill-problem')).toHaveText(L.again);
        await expect(page.getByTestId('rate-3')).toHaveAttribute('aria-pressed', 'true');
        await expectAccessible(page);
      }
      await page.keyboard.press(' ');
    }
    await expect(page.getByTestId('session-summary')).toBeVisible();
    await expect(page.getByTestId('summary-reviewed')).toHaveText(String(total));
    await expect(page.getByTestId('summary-correct')).toHaveText('100%');
    await expect(page.getByTestId('summary-tomorrow')).toHaveText('0');
    await expect(page.getByTestId('summary-later')).toContainText(String(total));
    await expectAccessible(page);
    await drill.goto();
    await expect(drill.count('due')).toHaveText('0');
    await expect(page.getByTestId('later-count')).toHaveText(String(total));
    await expect(page.getByTestId('later-hint')).toBeVisible();
    await expectAccessible(page);
    await page.context().close();
  });

  test(`[${L.lang}] the skill browser suspends and buries skills, and the queue leaves them out`, async ({ browser }) => {
    test.setTimeout(180_000);
    const { page, drill, total } = await learnerWithLockDeck(browser, L.locale);
    await press(page, 'skills-link');
    await expect(page.getByTestId('skills').locator('tbody tr')).toHaveCount(total);
    await expectAccessible(page);
    const generators = await page.getByTestId('skills').locator('tbody tr th').evaluateAll((cells) => cells.map((c) => c.textContent!.trim()));
    const [suspended, buried] = generators;
    await press(page, `suspend-${suspended}`);
    await expect(page.getByTestId(`unsuspend-${suspended}`)).toBeVisible();
    await press(page, `bury-${buried}`);
    await expect(page.getByTestId(`bury-${buried}`)).toHaveCount(0);
    // Filter: the suspended skill alone.
    await page.getByTestId('skill-filter').selectOption('suspended');
    await press(page, 'apply-query');
    await expect(page.getByTestId('skills').locator('tbody tr')).toHaveCount(1);
    await expect(page.getByTestId(`skill-${suspended}`)).toBeVisible();

    await drill.goto();
    await expect(drill.count('new')).toHaveText(String(total - 2));
    await press(page, 'start-review');
    for (let i = 0; i < total - 2; i++) {
      await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuenow', String(i));
      const question = await drill.currentQuestion();
      expect([suspended, buried]).not.toContain(question.ref.generator);
      await drill.answerWithKeys(question, true);
      await page.keyboard.press(' ');
    }
    await expect(page.getByTestId('session-summary')).toBeVisible();
    await page.context().close();
  });
}
