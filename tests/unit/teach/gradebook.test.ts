import { describe, expect, it } from 'vitest';
import { buildQuestion, listGenerators } from '@/lib/questions/registry';
import type { Question } from '@/lib/questions/types';
import { bestAttempt, cellFor, misconceptionOf, questionStats, type AttemptRow, type QuestionOf, type QuestionRow } from '@/lib/teach/policy';
import { answerRows, cellOf, gradebookOf, questionsOnce } from '@/lib/teach/view';

const t0 = new Date('2026-11-26T09:00:00Z');
const generator = listGenerators().find((g) => g.topic === 'lock')!;
const refOf = (seed: number) => ({ generator: generator.id, version: generator.version, seed, tier: generator.tiers[0]! });
const questionAt = (seed: number) => buildQuestion(refOf(seed));

function wrongOption(question: Question): string {
  if (question.response.kind !== 'choice') throw new Error(`test expects a choice question, got ${question.response.kind}`);
  return question.response.options.find((o) => o.id !== question.answer)!.id;
}

function row(position: number, seed: number, response: unknown, correct: boolean | null): QuestionRow & { seed: bigint; durationMs: number | null } {
  const score = correct ? 1 : 0;
  return { position, ...refOf(seed), seed: BigInt(seed), response: response === null ? null : JSON.stringify(response), correct, score: correct === null ? null : score, durationMs: 5_000 };
}

function attempt(userId: string, score: number | null, questions: ReturnType<typeof row>[], submitted = true, number = 1) {
  return { id: `${userId}-${number}`, userId, number, startedAt: t0, submittedAt: submitted ? t0 : null, late: false, score, questions };
}

/** The real lookup, counting the distinct refs a call asks it for. */
function counting(): { questionOf: QuestionOf; refsAsked: () => number } {
  let asked = 0;
  const once = questionsOnce();
  const seen = new Set<string>();
  return {
    questionOf: (q) => {
      const id = `${q.generator}#${q.seed}`;
      if (!seen.has(id)) {
        seen.add(id);
        asked += 1;
      }
      return once(q);
    },
    refsAsked: () => asked,
  };
}

describe('gradebook policy (no database)', () => {
  it('cells: not started, in progress, or the best submitted attempt with its late mark', () => {
    const a = (score: number | null, submitted: boolean, late = false): AttemptRow => ({ userId: 'u', submittedAt: submitted ? t0 : null, late, score, questions: [] });
    expect(cellFor([])).toEqual({ status: 'not-started', score: null, attempts: 0 });
    expect(cellFor([a(null, false)])).toEqual({ status: 'in-progress', score: null, attempts: 1 });
    expect(cellFor([a(0.5, true), a(0.9, true, true), a(null, false)])).toEqual({ status: 'late', score: 0.9, attempts: 3 });
    const first = a(0.7, true);
    expect(bestAttempt([first, a(0.7, true, true)])).toBe(first);
  });

  it('per-question stats: mean, discrimination, and the most chosen wrong answer with its misconception', () => {
    const seed = 11;
    const q = questionAt(seed);
    const wrong = wrongOption(q);
    const rows: AttemptRow[] = [
      { userId: 'a', submittedAt: t0, late: false, score: 1, questions: [row(0, seed, q.answer, true)] },
      { userId: 'b', submittedAt: t0, late: false, score: 0, questions: [row(0, seed, wrong, false)] },
      { userId: 'c', submittedAt: t0, late: false, score: 0, questions: [row(0, seed, wrong, false)] },
      { userId: 'd', submittedAt: t0, late: false, score: 0, questions: [row(0, seed, null, null)] },
    ];
    const [stats] = questionStats(rows, questionsOnce());
    expect(stats).toMatchObject({ position: 0, answered: 3, meanScore: 0.25, discrimination: 1 });
    expect(stats!.mostChosenWrong).toMatchObject({ response: JSON.stringify(wrong), count: 2 });
    expect(stats!.mostChosenWrong!.misconception).toEqual(misconceptionOf(rows[1]!.questions[0]!, questionsOnce()));
    // A retired generator's row has no misconception, and garbage is not one either.
    expect(misconceptionOf({ ...rows[1]!.questions[0]!, generator: 'retired' }, questionsOnce())).toBeNull();
    expect(misconceptionOf({ ...rows[1]!.questions[0]!, response: '{not json' }, questionsOnce())).toBeNull();
  });
});

describe('gradebook view (no database)', () => {
  const members = ['ann', 'bob', 'cy'].map((id) => ({ user: { id, name: id.toUpperCase(), email: `${id}@example.test` } }));
  const shared = [21, 22];
  const q0 = questionAt(shared[0]!);
  const data = {
    id: 'class',
    name: 'OS 101',
    members,
    assignments: [
      {
        id: 'hw1',
        title: 'HW 1',
        kind: 'assignment',
        dueAt: t0,
        attempts: [
          attempt('ann', 1, [row(0, shared[0]!, q0.answer, true), row(1, shared[1]!, null, null)]),
          attempt('bob', 0, [row(0, shared[0]!, wrongOption(q0), false), row(1, shared[1]!, null, null)]),
          attempt('bob', null, [row(0, 31, null, null), row(1, 32, null, null)], false, 2),
          // A former member's attempt: not shown.
          attempt('gone', 0, [row(0, 41, null, null), row(1, 42, null, null)]),
        ],
      },
    ],
  };

  it('cells and stats count the current members only', () => {
    const book = gradebookOf(data, questionsOnce());
    expect(cellOf(book, 'ann', 'hw1')).toEqual({ status: 'submitted', score: 1, attempts: 1 });
    expect(cellOf(book, 'bob', 'hw1')).toEqual({ status: 'submitted', score: 0, attempts: 2 });
    expect(cellOf(book, 'cy', 'hw1')).toEqual({ status: 'not-started', score: null, attempts: 0 });
    expect(cellOf(book, 'gone', 'hw1').attempts).toBe(0);
    expect(book.stats.get('hw1')!.map((s) => s.answered)).toEqual([2, 0]);
  });

  it("one student's detail builds only that student's questions, each distinct ref once", () => {
    const book = gradebookOf(data, questionsOnce());
    const all = answerRows(book, 'en');
    expect(all.map((r) => `${r.userId}:${r.attempt}:${r.position}`)).toEqual(['ann:1:1', 'ann:1:2', 'bob:1:1', 'bob:1:2', 'bob:2:1', 'bob:2:2']);

    const ann = counting();
    const annRows = answerRows(book, 'en', ann.questionOf, 'ann');
    expect(annRows).toEqual(all.filter((r) => r.userId === 'ann'));
    expect(ann.refsAsked()).toBe(2);
    expect(annRows[0]).toMatchObject({ student: 'ANN', seed: '21', submitted: JSON.stringify(q0.answer), score: 1, durationMs: 5_000 });
    expect(annRows[0]!.trueAnswer).not.toBe('');

    // Shared seeds: the whole class's rows need the two shared questions and bob's second attempt's two.
    const everyone = counting();
    answerRows(book, 'en', everyone.questionOf);
    expect(everyone.refsAsked()).toBe(4);
  });

  it('questionsOnce builds a ref once and gives null for a retired generator', () => {
    const questionOf = questionsOnce();
    const stored = row(0, 21, null, null);
    const first = questionOf(stored);
    expect(first).not.toBeNull();
    expect(questionOf({ ...stored, seed: 21 })).toBe(first);
    expect(questionOf({ ...stored, generator: 'retired' })).toBeNull();
  });
});
