import { IMPOSSIBLE, initialState, legalMoves } from '@/lib/sim/challenge';
import { playSchedule } from './practice-page';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Question, Tier } from '@/lib/questions/types';
import { TEST_CLOCK_COOKIE } from '@/lib/test-clock';

/** Moves the server's clock (LOCKSTEP_TEST_CLOCK=1) forward for this browser: no sleeping. */
export async function moveClock(context: BrowserContext, baseURL: string, offsetMs: number) {
  await context.addCookies([{ name: TEST_CLOCK_COOKIE, value: String(offsetMs), url: baseURL }]);
}

/**
 * The clock offset that makes the server's "now" 09:00 UTC (today's, or tomorrow's when that has
 * passed). A test whose steps must fall on one day (a new learner's zone is UTC) starts there, so
 * it passes at any time of the real day: run at 23:50 UTC, "20 minutes later" was the next day.
 */
export function morningOffset(now = Date.now()): number {
  const day = 24 * 3_600_000;
  const nine = Math.floor(now / day) * day + 9 * 3_600_000;
  return (nine >= now ? nine : nine + day) - now;
}

export class DrillPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto('/drill');
  }

  async addTopics(topics: string[]) {
    for (const topic of topics) await this.page.getByTestId(`add-topic-${topic}`).check();
    await this.page.getByTestId('add-selected').click();
    for (const topic of topics) await expect(this.page.getByTestId(`deck-topic-${topic}`)).toBeVisible();
  }

  /** Nothing on the page is wider than the window (a phone must not scroll sideways). */
  async expectNoHorizontalScroll() {
    const widths = await this.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(widths.scroll, `page ${this.page.url()} scrolls sideways`).toBeLessThanOrEqual(widths.client);
  }

  /** A skill's due date and stability as the skill browser shows them. */
  async skillSchedule(generator: string): Promise<string[]> {
    return this.page.getByTestId(`skill-${generator}`).locator('td').evaluateAll((cells) => [cells[3]!.textContent!.trim(), cells[4]!.textContent!.trim()]);
  }

  /** Imports a progress file on /stats with the keyboard (file chosen as a user would in the dialog). */
  async importProgress(file: unknown) {
    await this.page.goto('/stats');
    await this.page.getByTestId('import-file').setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
    await this.page.getByTestId('import-confirm').focus();
    await this.page.keyboard.press('Space');
    await this.press('import-submit');
    await expect(this.page.getByTestId('import-result')).toHaveAttribute('data-status', 'ok', { timeout: 30_000 });
  }

  /** Runs Optimize on /settings and waits for its report: log loss of the current and fitted weights. */
  async optimize(): Promise<{ current: number; fitted: number }> {
    await this.page.goto('/settings');
    await expect(this.page.getByTestId('reset-weights')).toBeDisabled();
    await this.press('optimize');
    await expect(this.page.getByTestId('optimize-report')).toBeVisible({ timeout: 60_000 });
    for (const figure of ['logloss-current', 'logloss-fitted', 'rmse-current', 'rmse-fitted']) await expect(this.page.getByTestId(figure)).toHaveText(/^\d+[.,]\d{4}$/);
    const figure = async (testId: string) => Number((await this.page.getByTestId(testId).textContent())!.replace(',', '.'));
    return { current: await figure('logloss-current'), fitted: await figure('logloss-fitted') };
  }

  count(kind: 'due' | 'new' | 'done') {
    return this.page.getByTestId(`${kind}-count`);
  }

  /** Presses Enter on a control, reached by focus as Tab would: the keyboard is the only input. */
  async press(testId: string) {
    await this.page.getByTestId(testId).focus();
    await this.page.keyboard.press('Enter');
  }

  /** The question on screen (a review, or with `practice-ref` an extra-practice one), rebuilt from the seed the page shows. */
  async currentQuestion(refTestId: 'review-ref' | 'practice-ref' = 'review-ref'): Promise<Question> {
    const ref = await this.page.getByTestId(refTestId).textContent();
    const match = ref?.match(/^(\S+) · \D*(\d)\D* · seed (\d+)$/);
    if (!match) throw new Error(`cannot read the review ref: ${ref}`);
    const [, generator, tier, seed] = match;
    const g = getGenerator(generator as string);
    if (!g) throw new Error(`unknown generator ${generator}`);
    return buildQuestion({ generator: g.id, version: g.version, seed: Number(seed), tier: Number(tier) as Tier });
  }

  /** Answers with the keyboard only: digits pick options, Enter submits. */
  async answerWithKeys(question: Question, right: boolean) {
    const r = question.response;
    if (r.kind === 'schedule') {
      // A scheduler challenge: the winning schedule (or "impossible"); wrong is the other claim,
      // or one legal move that wins nothing when no schedule wins. The board shows once its
      // code has arrived (components/lazy.tsx); keys before that would go nowhere.
      await expect(this.page.getByTestId('challenge-board')).toBeVisible();
      if (right) await playSchedule(this.page, question.answer);
      else if (question.answer !== IMPOSSIBLE) await this.page.keyboard.press('i');
      else await playSchedule(this.page, legalMoves(r.program, initialState(r.program)).slice(0, 1));
      await this.page.keyboard.press('Enter');
      await expect(this.page.getByTestId('verdict')).toHaveAttribute('data-correct', String(right));
      return;
    }
    if (r.kind !== 'choice' && r.kind !== 'multi') throw new Error(`keyboard helper handles choice/multi/schedule, got ${r.kind}`);
    const options = r.options.map((o) => o.id);
    let wanted: string[];
    if (r.kind === 'choice') {
      wanted = [right ? (question.answer as string) : (options.find((o) => o !== question.answer) as string)];
    } else {
      const correct = question.answer as readonly string[];
      wanted = right ? [...correct] : correct.includes(options[0] as string) ? correct.filter((id) => id !== options[0]) : [...correct, options[0] as string];
    }
    for (const id of wanted) await this.page.keyboard.press(String(options.indexOf(id) + 1));
    await this.page.keyboard.press('Enter');
    await expect(this.page.getByTestId('verdict')).toHaveAttribute('data-correct', String(right));
  }
}
