import { expect, type Page } from '@playwright/test';
import Papa from 'papaparse';
import { buildQuestion } from '@/lib/questions/registry';
import type { Question, Tier } from '@/lib/questions/types';

const percent = (text: string | null) => {
  const m = /(\d+)%/.exec(text ?? '');
  if (!m) throw new Error(`no percentage in "${text}"`);
  return Number(m[1]);
};

/** The instructor's page for one student: extra time, extensions, overrides, regrade. */
export class StudentGradingPage {
  constructor(readonly page: Page) {}

  /** Opens it from the class's gradebook by the student's email. */
  async openFromGradebook(classUrl: string, email: string) {
    await this.page.goto(`${classUrl}/gradebook`);
    await this.page.getByTestId(`manage-${email}`).click();
    await expect(this.page.getByTestId('multiplier-form')).toBeVisible();
  }

  async setMultiplier(value: string) {
    await this.page.locator('#multiplier').fill(value);
    await this.page.getByTestId('multiplier-form').getByRole('button').click();
    await expect(this.page.getByTestId('multiplier-ok')).toBeVisible();
  }

  async setExtension(title: string, dueAtUtc: string) {
    const form = this.page.getByTestId(`extension-${title}`);
    await form.locator('input[type=datetime-local]').fill(dueAtUtc);
    await form.getByRole('button').click();
    await expect(form.getByTestId('extension-ok')).toBeVisible();
  }

  /** The question scores (percent) of one attempt, in order; a blank ("—") is null. */
  async questionScores(title: string, attempt: number, count: number): Promise<(number | null)[]> {
    const out: (number | null)[] = [];
    for (let i = 1; i <= count; i++) {
      const text = await this.page.getByTestId(`question-${title}-${attempt}-${i}`).locator('td').nth(1).textContent();
      out.push(text?.trim().startsWith('—') ? null : percent(text));
    }
    return out;
  }

  async total(title: string): Promise<number> {
    return percent(await this.page.getByTestId(`attempts-${title}`).getByTestId('attempt-total').first().textContent());
  }

  async override(title: string, attempt: number, position: number, newPercent: number, reason: string) {
    const row = this.page.getByTestId(`question-${title}-${attempt}-${position}`);
    await row.getByTestId(`override-toggle-${position}`).click();
    const form = row.getByTestId(`override-${position}`);
    await form.getByLabel(/New score|새 점수/).fill(String(newPercent));
    await form.getByLabel(/Reason|사유/).fill(reason);
    await form.getByRole('button').click();
    await expect(form.getByTestId('override-ok')).toBeVisible();
  }

  async regrade(title: string) {
    await this.page.getByTestId(`regrade-${title}`).getByRole('button').click();
    await expect(this.page.getByTestId('regrade-report')).toBeVisible();
    return this.page.getByTestId('regrade-report');
  }
}

/** A gradebook cell's percentage and status text. */
export async function gradebookCell(page: Page, email: string, title: string) {
  const text = (await page.getByTestId(`cell-${email}-${title}`).textContent()) ?? '';
  return { text, percent: /(\d+)%/.test(text) ? percent(text) : null };
}

/** One of the instructor's CSV exports: its BOM-less text and its rows under the header. */
export async function classCsv(page: Page, url: string): Promise<{ text: string; header: string[]; rows: Record<string, string>[] }> {
  const response = await page.request.get(url);
  expect(response.status(), url).toBe(200);
  const text = (await response.text()).replace(/^\ufeff/, '');
  const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
  return { text, header: parsed.meta.fields ?? [], rows: parsed.data };
}

/**
 * A student's questions of one assignment, rebuilt from the refs in the instructor's answers.csv
 * (`api`: the class's export path): what lets a test answer right or wrong as it plans, while the
 * student's browser never gets a ref.
 */
export async function questionsFromAnswersCsv(instructor: Page, api: string, email: string, title: string): Promise<Question[]> {
  const mine = (await classCsv(instructor, `${api}/answers.csv`)).rows.filter((r) => r.email === email && r.assignment === title);
  return mine.map((r) => buildQuestion({ generator: r.generator!, version: Number(r.version), seed: Number(r.seed), tier: Number(r.tier) as Tier }));
}

/** The label of a choice question's option in one language. */
export function choiceLabel(question: Question, id: string, lang: 'en' | 'ko'): string {
  if (question.response.kind !== 'choice') throw new Error(`expected a choice question, got ${question.response.kind}`);
  return question.response.options.find((o) => o.id === id)!.label[lang];
}
