import { csvResponse } from '@/lib/teach/csv-route';
import { gradebookCsv } from '@/lib/teach/exports';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return csvResponse(request, id, 'gradebook.csv', gradebookCsv);
}
