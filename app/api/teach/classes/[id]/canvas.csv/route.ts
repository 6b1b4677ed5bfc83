import { csvResponse } from '@/lib/teach/csv-route';
import { canvasCsv } from '@/lib/teach/exports';

export const dynamic = 'force-dynamic';

/** The gradebook in Canvas's gradebook-import columns (see README, "LMS export"). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return csvResponse(request, id, 'canvas-grades.csv', canvasCsv);
}
