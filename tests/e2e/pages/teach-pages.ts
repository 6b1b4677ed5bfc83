import { expect, type Page } from '@playwright/test';
import { instantToLocalTime } from '@/lib/i18n/zoned-time';

export interface AssignOptions {
  kind?: 'assignment' | 'exam';
  opensAt?: Date;
  dueAt?: Date;
  seedPolicy?: 'per-student' | 'shared' | 'per-attempt';
  showAnswers?: 'after-submit' | 'after-question' | 'after-due';
  latePolicy?: 'closed' | 'penalty';
  latePenalty?: number;
  attemptsAllowed?: number;
  timeLimitMinutes?: number;
  /** Exams: exam mode (ticked by default); false unticks it. */
  lockdown?: boolean;
  /** The zone the times are entered in (chosen in the form); UTC unless given. */
  timeZone?: string;
}

export class TeachPages {
  constructor(readonly page: Page) {}

  async createClass(name: string): Promise<{ url: string; code: string }> {
    await this.page.goto('/teach');
    await this.page.locator('#class-name').fill(name);
    await this.page.getByRole('button', { name: 'Create class' }).click();
    await this.page.getByRole('link', { name }).click();
    await expect(this.page.getByTestId('class-name')).toHaveText(name);
    return { url: this.page.url(), code: (await this.page.getByTestId('join-code').textContent()) ?? '' };
  }

  async createSet(name: string, items: { generator: string; tier: number; count: number }[]) {
    await this.page.goto('/teach/sets');
    await this.page.locator('#set-name').fill(name);
    for (const [i, item] of items.entries()) {
      await this.page.getByTestId('add-item').click();
      const row = this.page.getByTestId('set-item').nth(i);
      await row.locator('select').first().selectOption(item.generator);
      await row.locator('select').nth(1).selectOption(String(item.tier));
      await row.locator('input[type=number]').fill(String(item.count));
    }
    await this.page.getByTestId('save-set').click();
    await expect(this.page.getByTestId('set-saved')).toBeVisible();
  }

  /** Assigns the newest set to the class; times are typed as wall-clock times in the chosen zone. */
  async assign(classUrl: string, title: string, options: AssignOptions = {}) {
    const zone = options.timeZone ?? 'UTC';
    await this.page.goto(classUrl);
    await this.page.locator('#a-title').fill(title);
    if (options.kind) await this.page.locator('#a-kind').selectOption(options.kind);
    await this.page.locator('#a-timeZone').selectOption(zone);
    if (options.opensAt) await this.page.locator('#a-opensAt').fill(instantToLocalTime(options.opensAt, zone));
    if (options.dueAt) await this.page.locator('#a-dueAt').fill(instantToLocalTime(options.dueAt, zone));
    for (const name of ['seedPolicy', 'showAnswers', 'latePolicy'] as const) {
      const value = options[name];
      if (value) await this.page.locator(`#a-${name}`).selectOption(value);
    }
    for (const name of ['latePenalty', 'attemptsAllowed', 'timeLimitMinutes'] as const) {
      const value = options[name];
      if (value !== undefined) await this.page.locator(`#a-${name}`).fill(String(value));
    }
    if (options.lockdown === false) await this.page.getByTestId('exam-lockdown').uncheck();
    await this.page.getByRole('button', { name: 'Assign to the class' }).click();
    await expect(this.page.getByTestId('assignment-list')).toContainText(title);
  }
}

/** The student's classes page: joining with a code. */
export class StudentClassesPage {
  constructor(readonly page: Page) {}

  /** Joins with the code and waits for the result message to contain `expected`. */
  async join(code: string, expected: string) {
    await this.page.goto('/classes');
    await this.page.locator('#join-code').fill(code);
    await this.page.getByRole('button', { name: 'Join class' }).click();
    await expect(this.page.getByTestId('join-result')).toContainText(expected);
  }
}
