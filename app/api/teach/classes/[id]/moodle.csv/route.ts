import { csvResponse } from '@/lib/teach/csv-route';
import { moodleCsv } from '@/lib/teach/exports';

export const dynamic = 'force-dynamic';

/** The gradebook in the columns Moodle's CSV grade import maps (see README, "LMS export"). */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return csvResponse(request, id, 'moodle-grades.csv', moodleCsv);
}
