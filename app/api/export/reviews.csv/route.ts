import { NextResponse } from 'next/server';
import { sessionUserId } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { getOptimizerRows } from '@/lib/stats/service';
import { toCsv } from '@/lib/http/csv';
import { OPTIMIZER_COLUMNS } from '@/lib/srs/stats';

export const dynamic = 'force-dynamic';

/**
 * The learner's review history in the FSRS optimizer's CSV layout
 * (card_id, review_time in unix ms, review_rating 1–4, review_state before the review 0–3,
 * review_duration in ms) plus elapsed_days; undone reviews are left out.
 */
export async function GET() {
  const userId = await sessionUserId();
  if (!userId) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  try {
    const rows = await getOptimizerRows(userId);
    const csv = toCsv(OPTIMIZER_COLUMNS, rows.map((r) => OPTIMIZER_COLUMNS.map((c) => r[c])), { newline: '\n' });
    const day = (await now()).toISOString().slice(0, 10);
    return new Response(csv, {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="lockstep-reviews-${day}.csv"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    console.error('export reviews.csv failed', error);
    return NextResponse.json({ error: 'unavailable' }, { status: 500 });
  }
}
