import { expect, type Locator, type Page } from '@playwright/test';

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
}
