import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Question, Tier } from '@/lib/questions/types';
import { applyMove, initialState, legalMoves, outcome, type ChallengeState, type Move } from '@/lib/sim/challenge';
import { expect, expectAccessible, test } from './fixtures';
import { PracticePage, playSchedule } from './pages/practice-page';

const GENERATOR = 'challenge-deadlock';
const TIER: Tier = 1;

/** The first seed whose challenge is winnable (or impossible). */
function seedWhere(wanted: (q: Question) => boolean): { seed: number; question: Question } {
  const version = getGenerator(GENERATOR)?.version ?? 1;
  for (let seed = 1; seed < 500; seed++) {
    const question = buildQuestion({ generator: GENERATOR, version, seed, tier: TIER });
    if (wanted(question)) return { seed, question };
  }
  throw new Error('no such seed');
}

/** A short run from the start after which the goal can no longer be reached, if there is one. */
function losingPath(q: Question): Move[] | null {
  if (q.response.kind !== 'schedule') return null;
  const { program, goal } = q.response;
  const search = (state: ChallengeState, path: Move[]): Move[] | null => {
    const o = outcome(program, state, goal);
    if (o === 'lost') return path;
    if (o === 'won' || path.length > 12) return null;
    for (const m of legalMoves(program, state)) {
      const found = search(applyMove(program, state, m).state, [...path, m]);
      if (found) return found;
    }
    return null;
  };
  return search(initialState(program), []);
}

test('be the scheduler with the keyboard only: a wrong path, undo, the win, and "impossible" on another seed', async ({ page }) => {
  const practice = new PracticePage(page);
  const { seed, question } = seedWhere((q) => Array.isArray(q.answer) && losingPath(q) !== null);
  await practice.open(GENERATOR, TIER, seed);
  await expect(page.getByTestId('challenge-goal')).toBeVisible();
  await expectAccessible(page);

  // A wrong path: the board says the goal can no longer be reached.
  const wrong = losingPath(question) as Move[];
  await playSchedule(page, wrong);
  await expect(page.getByTestId('challenge-moves')).toHaveText(String(wrong.length));
  await expect(page.getByTestId('challenge-lost')).toBeVisible();
  // A finished or blocked thread cannot be stepped: its digit changes nothing.
  for (const t of ['1', '2']) await page.keyboard.press(t);
  await expect(page.getByTestId('challenge-moves')).toHaveText(String(wrong.length));

  // Undo every step, back to the start.
  for (let i = 0; i < wrong.length; i++) await page.keyboard.press('u');
  await expect(page.getByTestId('challenge-moves')).toHaveText('0');
  await expect(page.getByTestId('challenge-lost')).toHaveCount(0);
  await expect(page.getByTestId('challenge-output')).toHaveText('');

  // The win, at par, then Enter checks it.
  const par = question.answer as readonly string[];
  await playSchedule(page, par);
  await expect(page.getByTestId('challenge-won')).toContainText(`Par is ${par.length} (0 over par)`);
  await expectAccessible(page);
  await page.keyboard.press('Enter');
  await expect(practice.verdict()).toHaveAttribute('data-correct', 'true');
  await expect(page.getByTestId('explanation')).toBeVisible();

  // Another seed has no winning schedule: "impossible" (I), then Enter.
  const other = seedWhere((q) => q.answer === 'impossible');
  await practice.open(GENERATOR, TIER, other.seed);
  await expect(page.getByTestId('challenge-board')).toBeVisible();
  await page.keyboard.press('i');
  await expect(page.getByTestId('challenge-said-impossible')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(practice.verdict()).toHaveAttribute('data-correct', 'true');
  await expectAccessible(page);
});

test('a challenge in Korean, and a wrong "impossible" is graded wrong', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ko-KR' });
  const page = await context.newPage();
  const practice = new PracticePage(page);
  const { seed } = seedWhere((q) => Array.isArray(q.answer));
  await practice.open(GENERATOR, TIER, seed);
  await expect(page.getByTestId('challenge-goal')).toContainText('교착 상태');
  await expect(page.getByTestId('challenge-undo')).toContainText('되돌리기');
  await page.keyboard.press('i');
  await page.keyboard.press('Enter');
  await expect(practice.verdict()).toHaveAttribute('data-correct', 'false');
  await context.close();
});
