import 'server-only';
import { NextResponse } from 'next/server';
import { currentSession } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { recordsToCsv } from '@/lib/http/csv';
import { loadGradebook } from './service';
import type { Gradebook } from './view';

/** Shared shape of the instructor CSV exports: auth, ownership, then rows → CSV. */
export async function csvResponse(classId: string, filename: string, toRows: (book: Gradebook) => Record<string, string | number | null>[]) {
  const session = await currentSession();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  if (session.user.role !== 'INSTRUCTOR') return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  try {
    const book = await loadGradebook(session.user.id, classId, await now());
    if (!book) return NextResponse.json({ error: 'not found' }, { status: 404 });
    return new NextResponse(`\ufeff${recordsToCsv(toRows(book))}`, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` },
    });
  } catch (error) {
    console.error('csv export failed', error);
    return NextResponse.json({ error: 'export unavailable, try again' }, { status: 503 });
  }
}
