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

  count(kind: 'due' | 'new' | 'done') {
    return this.page.getByTestId(`${kind}-count`);
  }

  /** The question on screen, rebuilt from the seed the page shows. */
  async currentQuestion(): Promise<Question> {
    const ref = await this.page.getByTestId('review-ref').textContent();
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
      // or one legal move that wins nothing when no schedule wins.
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
