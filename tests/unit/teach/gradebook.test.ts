import { describe, expect, it } from 'vitest';
import { buildQuestion, listGenerators } from '@/lib/questions/registry';
import type { Question } from '@/lib/questions/types';
import { bestAttempt, cellFor, misconceptionOf, totalFor, questionStats, type AttemptRow, type QuestionOf, type QuestionRow } from '@/lib/teach/policy';
import { ANSWER_COLUMNS, answersCsv, canvasCsv, gradebookCsv, moodleCsv } from '@/lib/teach/exports';
import { answerRows, cellOf, gradebookOf, questionsOnce, totalOf } from '@/lib/teach/view';

const t0 = new Date('2026-11-26T09:00:00Z');
const generator = listGenerators().find((g) => g.topic === 'lock')!;
const refOf = (seed: number) => ({ generator: generator.id, version: generator.version, seed, tier: generator.tiers[0]! });
const questionAt = (seed: number) => buildQuestion(refOf(seed));

function wrongOption(question: Question): string {
  if (question.response.kind !== 'choice') throw new Error(`test expects a choice question, got ${question.response.kind}`);
  return question.response.options.find((o) => o.id !== question.answer)!.id;
}

function optionLabel(question: Question, id: string, lang: 'en' | 'ko'): string {
  if (question.response.kind !== 'choice') throw new Error('test expects a choice question');
  return question.response.options.find((o) => o.id === id)!.label[lang];
}

function row(position: number, seed: number, response: unknown, correct: boolean | null): QuestionRow & { seed: bigint; answeredAt: Date | null; durationMs: number | null } {
  const score = correct ? 1 : 0;
  return { position, ...refOf(seed), seed: BigInt(seed), response: response === null ? null : JSON.stringify(response), correct, score: correct === null ? null : score, answeredAt: response === null ? null : new Date(t0.getTime() + 60_000 * (position + 1)), durationMs: 5_000 };
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
    expect(cellFor([])).toEqual({ status: 'not-started', score: null, attempts: 0, submittedAt: null });
    expect(cellFor([a(null, false)])).toEqual({ status: 'in-progress', score: null, attempts: 1, submittedAt: null });
    expect(cellFor([a(0.5, true), a(0.9, true, true), a(null, false)])).toEqual({ status: 'late', score: 0.9, attempts: 3, submittedAt: t0 });
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
    const [stats] = questionStats(rows, questionsOnce(), 'en');
    expect(stats).toMatchObject({ position: 0, answered: 3, meanScore: 0.25, discrimination: 1 });
    expect(stats!.mostChosenWrong).toMatchObject({ response: JSON.stringify(wrong), count: 2, label: optionLabel(q, wrong, 'en') });
    expect(questionStats(rows, questionsOnce(), 'ko')[0]!.mostChosenWrong!.label).toBe(optionLabel(q, wrong, 'ko'));
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
        set: { items: [{ count: 1 }, { count: 1 }] },
        attempts: [
          attempt('ann', 1, [row(0, shared[0]!, q0.answer, true), row(1, shared[1]!, null, null)]),
          attempt('bob', 0, [row(0, shared[0]!, wrongOption(q0), false), row(1, shared[1]!, null, null)]),
          attempt('bob', null, [row(0, 31, null, null), row(1, 32, null, null)], false, 2),
          // A former member's attempt: not shown.
          attempt('gone', 0, [row(0, 41, null, null), row(1, 42, null, null)]),
        ],
      },
      {
        id: 'quiz',
        title: 'Quiz, =1',
        kind: 'exam',
        dueAt: t0,
        set: { items: [{ count: 3 }] },
        // Handed in an hour after t0, late, with two of three right after a penalty: 0.5.
        attempts: [{ ...attempt('ann', 0.5, [row(0, 51, null, null), row(1, 52, null, null), row(2, 53, null, null)]), late: true, submittedAt: new Date(t0.getTime() + 3_600_000) }],
      },
    ],
  };

  it('cells and stats count the current members only', () => {
    const book = gradebookOf(data, questionsOnce(), 'en');
    expect(cellOf(book, 'ann', 'hw1')).toEqual({ status: 'submitted', score: 1, attempts: 1, submittedAt: t0 });
    expect(cellOf(book, 'bob', 'hw1')).toEqual({ status: 'submitted', score: 0, attempts: 2, submittedAt: t0 });
    expect(cellOf(book, 'cy', 'hw1')).toEqual({ status: 'not-started', score: null, attempts: 0, submittedAt: null });
    expect(cellOf(book, 'ann', 'quiz')).toEqual({ status: 'late', score: 0.5, attempts: 1, submittedAt: new Date('2026-11-26T10:00:00Z') });
    expect(cellOf(book, 'gone', 'hw1').attempts).toBe(0);
    expect(book.stats.get('hw1')!.map((s) => s.answered)).toEqual([2, 0]);
  });

  it("one student's detail builds only that student's questions, each distinct ref once", () => {
    const book = gradebookOf(data, questionsOnce(), 'en');
    const all = answerRows(book, 'en');
    expect(all.filter((r) => r.assignment === 'HW 1').map((r) => `${r.userId}:${r.attempt}:${r.position}`)).toEqual(['ann:1:1', 'ann:1:2', 'bob:1:1', 'bob:1:2', 'bob:2:1', 'bob:2:2']);

    const ann = counting();
    const annRows = answerRows(book, 'en', ann.questionOf, 'ann');
    expect(annRows).toEqual(all.filter((r) => r.userId === 'ann'));
    // HW 1's two questions and the quiz's three.
    expect(ann.refsAsked()).toBe(5);
    expect(annRows[0]).toMatchObject({ student: 'ANN', seed: '21', submitted: JSON.stringify(q0.answer), score: 1, durationMs: 5_000 });
    expect(annRows[0]!.trueAnswer).not.toBe('');
    // Given answers read like the true answer: labels, never ids or JSON, with the time given.
    expect(annRows[0]!.submittedLabel).toBe(annRows[0]!.trueAnswer);
    expect(annRows[0]!.answeredAt).toEqual(new Date('2026-11-26T09:01:00Z'));
    expect(annRows[1]).toMatchObject({ submitted: '', submittedLabel: '', answeredAt: null });
    const bobWrong = all.find((r) => r.userId === 'bob' && r.attempt === 1 && r.position === 1)!;
    expect(bobWrong.submitted).toBe(JSON.stringify(wrongOption(q0)));
    expect(bobWrong.submittedLabel).toBe(optionLabel(q0, wrongOption(q0), 'en'));
    expect(answerRows(book, 'ko', questionsOnce(), 'bob')[0]!.submittedLabel).toBe(optionLabel(q0, wrongOption(q0), 'ko'));

    // Shared seeds: the whole class's rows need the two shared questions, bob's second attempt's two and the quiz's three.
    const everyone = counting();
    answerRows(book, 'en', everyone.questionOf);
    expect(everyone.refsAsked()).toBe(7);
  });

  it('totals: one point per question, earned by the counted score; not handed in earns nothing', () => {
    const book = gradebookOf(data, questionsOnce(), 'en');
    expect(totalOf(book, 'ann')).toEqual({ earned: 3.5, possible: 5, percent: 0.7 });
    expect(totalOf(book, 'bob')).toEqual({ earned: 0, possible: 5, percent: 0 });
    expect(totalOf(book, 'cy')).toEqual({ earned: 0, possible: 5, percent: 0 });
    expect(totalFor([])).toEqual({ earned: 0, possible: 0, percent: null });
  });

  it('gradebook.csv: score, points, status, UTC hand-in time and late flag per assignment, then the totals', () => {
    const lines = gradebookCsv(gradebookOf(data, questionsOnce(), 'en')).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'student,email,HW 1 score,HW 1 points,HW 1 status,HW 1 submitted_at,HW 1 late,"Quiz, =1 score","Quiz, =1 points","Quiz, =1 status","Quiz, =1 submitted_at","Quiz, =1 late",total_points,points_possible,total_percent',
    );
    expect(lines[1]).toBe('ANN,ann@example.test,100,2,submitted,2026-11-26T09:00:00Z,false,50,1.5,late,2026-11-26T10:00:00Z,true,3.5,5,70');
    expect(lines[3]).toBe('CY,cy@example.test,,0,not-started,,false,,0,not-started,,false,0,5,0');
  });

  it('answers.csv: headers in the language asked for, the given answer as id and as label, the UTC answer time', () => {
    const book = gradebookOf(data, questionsOnce(), 'ko');
    const lines = answersCsv(book, 'ko', (c) => `h:${c}`).trimEnd().split('\r\n');
    expect(lines[0]).toBe(ANSWER_COLUMNS.map((c) => `h:${c}`).join(','));
    const bob = lines.find((l) => l.startsWith('BOB,bob@example.test,HW 1,1,1,'))!;
    const wrong = wrongOption(q0);
    expect(bob).toContain(`,"${JSON.stringify(wrong).replaceAll('"', '""')}",${optionLabel(q0, wrong, 'ko')},2026-11-26T09:01:00Z,0`);
  });

  it('Canvas: its five identity columns, "Title (id)" columns and a Points Possible line; Moodle: email and percentages', () => {
    const book = gradebookOf(data, questionsOnce(), 'en');
    expect(canvasCsv(book).split('\r\n')).toEqual([
      'Student,ID,SIS User ID,SIS Login ID,Section,HW 1 (hw1),"Quiz, =1 (quiz)"',
      'Points Possible,,,,,2,3',
      'ANN,,,ann@example.test,OS 101,2,1.5',
      'BOB,,,bob@example.test,OS 101,0,',
      'CY,,,cy@example.test,OS 101,,',
      '',
    ]);
    expect(moodleCsv(book).split('\r\n')).toEqual(['Email address,HW 1,"Quiz, =1"', 'ann@example.test,100,50', 'bob@example.test,0,', 'cy@example.test,,', '']);
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
