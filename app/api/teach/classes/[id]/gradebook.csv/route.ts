import { csvResponse } from '@/lib/teach/csv-route';
import { cellOf } from '@/lib/teach/view';

export const dynamic = 'force-dynamic';

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return csvResponse(id, 'gradebook.csv', (book) =>
    book.data.members.map((m) => {
      const row: Record<string, string | number | null> = { student: m.user.name, email: m.user.email };
      for (const a of book.data.assignments) {
        const cell = cellOf(book, m.user.id, a.id);
        row[`${a.title} score`] = cell.score === null ? null : Math.round(cell.score * 1000) / 10;
        row[`${a.title} status`] = cell.status;
      }
      return row;
    }),
  );
}
