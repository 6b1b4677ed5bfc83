import type { FramesAfterStepScenario } from '@/lib/questions/memory/frames-after-step';
import { generateScenario, listGenerators } from '@/lib/questions/registry';
import type { LockHolderScenario } from '@/lib/questions/threads/lock-holder';
import { expect, expectAccessible, test } from './fixtures';
import { PracticePage } from './pages/practice-page';

test('a thread question: answer right, then a wrong variant, and step through the timeline', async ({ page }) => {
  const practice = new PracticePage(page);
  const question = await practice.open('lock-holder', 2, 4242);
  await expect(page.getByTestId('question-ref')).toContainText('seed 4242');
  await expectAccessible(page);

  await practice.enter(question, question.answer);
  await practice.check();
  await expect(practice.verdict()).toHaveAttribute('data-correct', 'true');
  await expect(page.getByTestId('timeline')).toBeVisible();

  // The timeline opens at the tick the question asks about (t = at + 0.5), not the last one.
  const asked = (generateScenario(question.ref).scenario as LockHolderScenario).at;
  const position = page.getByTestId('step-position');
  await expect(position).toContainText(new RegExp(` ${asked} /`));
  const shown = (await position.textContent())?.match(/(\d+) \/ (\d+)/);
  expect(asked).toBeLessThan(Number(shown?.[2]));
  await page.getByTestId('step-next').click();
  await expect(position).toContainText(new RegExp(` ${asked + 1} /`));

  // Step back to tick 0 and forward again: the position follows.
  await page.getByRole('button', { name: /First/ }).click();
  await expect(position).toContainText(/ 0 \//);
  await page.getByTestId('step-next').click();
  await expect(position).toContainText(/ 1 \//);
  await expectAccessible(page);

  // Same seed, answered wrongly: the verdict says so and names the true answer.
  await practice.open('lock-holder', 2, 4242);
  await practice.enter(question, practice.wrongAnswer(question));
  await practice.check();
  await expect(practice.verdict()).toHaveAttribute('data-correct', 'false');
  await expect(page.getByTestId('true-answer')).not.toBeEmpty();

  // A new variant changes the seed in the URL.
  await page.getByTestId('new-variant').click();
  await expect(page).not.toHaveURL(/seed=4242/);
});

test('a memory question shows page tables and frames after answering', async ({ page }) => {
  const practice = new PracticePage(page);
  const question = await practice.open('frames-after-step', 2, 99);
  await practice.enter(question, question.answer);
  await practice.check();
  await expect(practice.verdict()).toHaveAttribute('data-correct', 'true');
  await expect(page.getByTestId('memory-view')).toBeVisible();
  // It opens at the snapshot right after the step the question asks about.
  const asked = (generateScenario(question.ref).scenario as FramesAfterStepScenario).step;
  await expect(page.getByTestId('memory-step-label')).toHaveText(new RegExp(`^Step ${asked}: `));
  await expect(page.getByTestId('step-position')).toContainText(`Snapshot ${asked} of`);
  await expect(page.getByTestId('page-table').first()).toBeVisible();
  await expect(page.getByTestId('frame-table')).toBeVisible();
  await expectAccessible(page);
});

test('a memory question in Korean: tier as 난이도, page tables named 부모 / 자식, 합니다체', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  const practice = new PracticePage(page);
  const question = await practice.open('frames-after-step', 2, 99);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
  await expect(page.getByText('난이도 2').first()).toBeVisible();
  await expect(page.getByText(/\d단계 직후/).first()).toContainText('몇 개입니까?');
  await practice.enter(question, question.answer);
  await practice.check();
  await expect(practice.verdict()).toHaveAttribute('data-correct', 'true');
  const captions = page.getByTestId('page-table').locator('caption');
  await expect(captions.first()).toHaveText('부모의 페이지 테이블');
  await expect(captions.filter({ hasText: /parent|child/ })).toHaveCount(0);
  await expect(page.getByTestId('memory-step-label')).toHaveText(/^\d+단계: .*니다$/);
  await expectAccessible(page);
  await context.close();
});

test('one question from every family renders and grades', async ({ page }) => {
  test.setTimeout(180_000);
  const practice = new PracticePage(page);
  for (const g of listGenerators()) {
    const tier = g.tiers[g.tiers.length - 1]!;
    const question = await practice.open(g.id, tier, 7);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(question.title.en);
    await practice.enter(question, question.answer);
    await practice.check();
    await expect(practice.verdict(), `${g.id} tier ${tier}`).toHaveAttribute('data-correct', 'true');
    await expect(page.getByTestId('explanation')).toBeVisible();
  }
});

test('practice shows Korean questions to Korean readers', async ({ page, header }) => {
  await page.goto('/');
  await header.switchLanguage('ko');
  const practice = new PracticePage(page);
  const question = await practice.open('lock-holder', 1, 5);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(question.title.ko);
});

test('a bad seed or tier is corrected or refused, never a crash', async ({ page }) => {
  let response = await page.goto('/practice/lock-holder?tier=9&seed=abc');
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/tier=1&seed=\d+/);
  response = await page.goto('/practice/no-such-generator?tier=1&seed=1');
  expect(response?.status()).toBe(404);
});

test('a wrong number or order that a belief predicts names that belief after checking, and nothing of it reaches the page before', async ({ page }) => {
  const practice = new PracticePage(page);
  for (const [generator, tier, seed] of [['builds-to-ship', 1, 1], ['order-flow', 3, 2024]] as const) {
    const question = await practice.open(generator, tier, seed);
    const r = question.response;
    const diagnosis = r.kind === 'number' || r.kind === 'ordering' ? r.diagnoses?.[0] : undefined;
    expect(diagnosis, `${generator} t${tier} seed ${seed} diagnoses a wrong answer`).toBeDefined();
    if (!diagnosis) continue;
    // Before answering, the page (HTML and the data it was rendered from) holds no belief.
    expect(await page.content()).not.toContain(diagnosis.misconception.id);
    expect(await page.content()).not.toContain(diagnosis.misconception.text.en.slice(0, 40));

    await practice.enter(question, diagnosis.value);
    await practice.check();
    await expect(practice.verdict()).toHaveAttribute('data-correct', 'false');
    await expect(page.getByTestId('misconception').filter({ hasText: diagnosis.misconception.text.en.slice(0, 40) })).toBeVisible();
    await expectAccessible(page);

    // Another wrong answer no belief predicts names none.
    const plain = r.kind === 'number' ? 12 : [...(question.answer as readonly string[])].reverse();
    await practice.open(generator, tier, seed);
    await practice.enter(question, plain);
    await practice.check();
    await expect(practice.verdict()).toHaveAttribute('data-correct', 'false');
    await expect(page.getByTestId('misconception')).toHaveCount(0);
  }
});
