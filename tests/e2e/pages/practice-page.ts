import { expect, type Page } from '@playwright/test';
import { buildQuestion, getGenerator } from '@/lib/questions/registry';
import type { Question, Tier } from '@/lib/questions/types';
import { IMPOSSIBLE, initialState, legalMoves } from '@/lib/sim/challenge';

/** Plays a schedule on the challenge board with the keyboard: a thread's digit, T for the clock, I for "impossible". */
export async function playSchedule(page: Page, answer: Question['answer']) {
  await expect(page.getByTestId('challenge-board')).toBeVisible();
  if (answer === IMPOSSIBLE) {
    await page.keyboard.press('i');
    return;
  }
  for (const move of answer as readonly string[]) await page.keyboard.press(move === 'tick' ? 't' : move.slice(1));
}

/** The practice page, answered through the UI the way a learner would. */
export class PracticePage {
  constructor(readonly page: Page) {}

  async open(generator: string, tier: Tier, seed: number): Promise<Question> {
    await this.page.goto(`/practice/${generator}?tier=${tier}&seed=${seed}`);
    const version = getGenerator(generator)?.version ?? 1;
    return buildQuestion({ generator, version, seed, tier });
  }

  /** Enters `answer` (in the question's Answer form) into the response control. */
  async enter(question: Question, answer: Question['answer']) {
    const r = question.response;
    if (r.kind === 'choice') {
      await this.page.locator(`input[data-option="${answer as string}"]`).check();
    } else if (r.kind === 'multi') {
      for (const o of r.options) {
        const box = this.page.locator(`input[data-option="${o.id}"]`);
        if ((answer as readonly string[]).includes(o.id)) await box.check();
        else await box.uncheck();
      }
    } else if (r.kind === 'number') {
      await this.page.getByTestId('response-number').fill(String(answer));
    } else if (r.kind === 'text') {
      await this.page.getByTestId('response-text').fill(String(answer));
    } else if (r.kind === 'schedule') {
      await playSchedule(this.page, answer);
    } else {
      const target = answer as readonly string[];
      // The ordering control shows once its code has arrived (components/lazy.tsx).
      await expect(this.page.locator('[data-item]')).toHaveCount(target.length);
      for (let i = 0; i < target.length; i++) {
        // Move the wanted item up until it sits at position i.
        for (;;) {
          const ids = await this.page.locator('[data-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-item')));
          const at = ids.indexOf(target[i] as string);
          if (at <= i) break;
          await this.page.locator(`[data-item="${target[i]}"] button`).first().click();
        }
      }
    }
  }

  /** Some answer that is wrong for this question. */
  wrongAnswer(question: Question): Question['answer'] {
    const r = question.response;
    if (r.kind === 'choice') return (r.options.find((o) => o.id !== question.answer) ?? r.options[0])!.id;
    if (r.kind === 'multi') {
      const right = question.answer as readonly string[];
      const flipped = r.options[0]!.id;
      return right.includes(flipped) ? right.filter((id) => id !== flipped) : [...right, flipped];
    }
    if (r.kind === 'number') return (question.answer as number) + 1;
    if (r.kind === 'ordering') return [...(question.answer as readonly string[])].reverse();
    if (r.kind === 'schedule') return question.answer === IMPOSSIBLE ? legalMoves(r.program, initialState(r.program)).slice(0, 1) : IMPOSSIBLE;
    return `${question.answer}x`;
  }

  async check() {
    await this.page.getByTestId('check').click();
    await expect(this.page.getByTestId('verdict')).toBeVisible();
  }

  verdict() {
    return this.page.getByTestId('verdict');
  }
}
