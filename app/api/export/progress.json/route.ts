import { NextResponse } from 'next/server';
import { sessionUserId } from '@/lib/auth/session';
import { now } from '@/lib/clock';
import { exportProgressFile } from '@/lib/stats/service';

export const dynamic = 'force-dynamic';

/**
 * The learner's progress (settings, deck, cards, every review) as a lockstep-progress v1
 * document, the file the stats page imports back.
 */
export async function GET() {
  const userId = await sessionUserId();
  if (!userId) return NextResponse.json({ error: 'unauthorized' }, { status: 401 });
  try {
    const at = await now();
    const file = await exportProgressFile(userId, at);
    return new Response(JSON.stringify(file), {
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="lockstep-progress-${at.toISOString().slice(0, 10)}.json"`,
        'Cache-Control': 'no-store',
      },
    });
  } catch (error) {
    console.error('export progress.json failed', error);
    return NextResponse.json({ error: 'unavailable' }, { status: 500 });
  }
}
