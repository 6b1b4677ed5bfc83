import 'server-only';
import { NextResponse } from 'next/server';
import { z } from 'zod';
import { currentSession } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { currentLang } from '@/lib/i18n/current-lang';
import type { Lang } from '@/lib/questions/types';
import { loadGradebook } from './service';
import type { Gradebook } from './view';

/** `?lang=ko|en` picks the language of labels and headers; without it, the instructor's. */
const csvQuery = z.object({ lang: z.enum(['en', 'ko']).optional() });

/**
 * Shared shape of the instructor CSV exports: auth, ownership, language, then the gradebook
 * → CSV text (served with a BOM so spreadsheets read it as UTF-8).
 */
export async function csvResponse(request: Request, classId: string, filename: string, toCsv: (book: Gradebook, lang: Lang) => string | Promise<string>) {
  const session = await currentSession();
  if (!session) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  if (session.user.role !== 'INSTRUCTOR') return NextResponse.json({ error: 'forbidden' }, { status: 403 });
  const query = csvQuery.safeParse({ lang: new URL(request.url).searchParams.get('lang') ?? undefined });
  if (!query.success) return NextResponse.json({ error: 'lang must be en or ko' }, { status: 400 });
  try {
    const lang = query.data.lang ?? (await currentLang());
    const book = await loadGradebook(session.user.id, classId, await now(), lang);
    if (!book) return NextResponse.json({ error: 'not found' }, { status: 404 });
    return new NextResponse(`\ufeff${await toCsv(book, lang)}`, {
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${filename}"` },
    });
  } catch (error) {
    console.error('csv export failed', error);
    return NextResponse.json({ error: 'export unavailable, try again' }, { status: 503 });
  }
}
