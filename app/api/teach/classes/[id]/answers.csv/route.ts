import { getTranslations } from 'next-intl/server';
import { csvResponse } from '@/lib/teach/csv-route';
import { answersCsv } from '@/lib/teach/exports';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return csvResponse(request, id, 'answers.csv', async (book, lang) => {
    const t = await getTranslations({ locale: lang, namespace: 'teaching.answerColumns' });
    return answersCsv(book, lang, (column) => t(column));
  });
}
