import { expect, type Locator, type Page } from '@playwright/test';
import type { Question } from '@/lib/questions/types';

/**
 * Records the body of every response the page gets from the app (pages, RSC payloads, action
 * replies), except the build's static scripts and styles, by fetching each request itself.
 */
export async function recordResponses(page: Page, origin: string) {
  const bodies: string[] = [];
  await page.route(
    (url) => url.href.startsWith(origin) && !url.pathname.startsWith('/_next/static/'),
    async (route) => {
      const response = await route.fetch({ maxRedirects: 0 });
      bodies.push(await response.text());
      await route.fulfill({ response });
    },
  );
  return { bodies };
}

/** The mock exams page and the attempt page (shared by assignments and exams). */
export class AttemptPage {
  constructor(readonly page: Page) {}

  async gotoMockExams() {
    await this.page.goto('/exams');
  }

  async startMock(topics: string[], count: number, minutes: number, { lockdown = false } = {}) {
    for (const topic of topics) await this.page.getByTestId(`mock-topic-${topic}`).check();
    if (lockdown) await this.page.getByTestId('mock-lockdown').check();
    await this.page.getByLabel(/Number of questions/).fill(String(count));
    await this.page.getByLabel(/Time limit/).fill(String(minutes));
    await this.page.getByTestId('start-mock').click();
    await expect(this.page).toHaveURL(/\/exams\/[^/]+$/);
    await expect(this.page.getByTestId('attempt-player')).toBeVisible();
  }

  question(position: number): Locator {
    return this.page.getByTestId(`attempt-question-${position}`);
  }

  /** Picks the first option of a choice or multi question (saved as it is given). */
  async answerFirstOption(position: number) {
    await this.question(position).locator('input[data-option]').first().check();
  }

  /** Clicks the first option without expecting it to stay chosen (the server may refuse it). */
  async tryFirstOption(position: number) {
    await this.question(position).locator('input[data-option]').first().click();
  }

  saveStatus(position: number): Locator {
    return this.question(position).getByTestId('save-status');
  }

  /**
   * Answers choice questions as planned: true the right option, false a wrong one, null leaves it
   * blank. Each answer is waited on until saved; returns the option ids given (null for blanks).
   */
  async answerAsPlanned(questions: readonly Question[], plan: readonly (boolean | null)[]): Promise<(string | null)[]> {
    const given: (string | null)[] = [];
    for (const [i, question] of questions.entries()) {
      if (question.response.kind !== 'choice') throw new Error('expected a choice question');
      const right = plan[i];
      if (right === null || right === undefined) {
        given.push(null);
        continue;
      }
      const option = right ? (question.answer as string) : question.response.options.find((o) => o.id !== question.answer)!.id;
      await this.question(i).locator(`input[data-option="${option}"]`).check();
      await expect(this.saveStatus(i)).toHaveAttribute('data-status', 'saved');
      given.push(option);
    }
    return given;
  }

  /** Hands in; with blanks left, the review step must come first and is confirmed. Waits for the score. */
  async handIn({ blanks }: { blanks: boolean }) {
    await this.page.getByTestId('submit-attempt').click();
    if (blanks) {
      await expect(this.page.getByTestId('review-blanks')).toBeVisible();
      await this.page.getByTestId('confirm-hand-in').click();
    }
    await expect(this.page.getByTestId('attempt-score')).toBeVisible();
  }
}
