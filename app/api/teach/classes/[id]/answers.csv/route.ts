import { csvResponse } from '@/lib/teach/csv-route';
import { answerRows } from '@/lib/teach/view';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return csvResponse(id, 'answers.csv', (book) =>
    answerRows(book, 'en').map((r) => ({
      student: r.student,
      email: r.email,
      assignment: r.assignment,
      attempt: r.attempt,
      question: r.position,
      generator: r.generator,
      version: r.version,
      seed: r.seed,
      tier: r.tier,
      true_answer: r.trueAnswer,
      submitted_answer: r.submitted,
      score: r.score,
    })),
  );
}
