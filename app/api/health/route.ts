import { NextResponse } from 'next/server';
import { databaseHealth } from '@/lib/db/health';

export const dynamic = 'force-dynamic';

/** 200 when the database answers and has every migration of this build, else 503. */
export async function GET() {
  const database = await databaseHealth();
  const ok = database.status === 'ok' && database.migrationsCurrent;
  return NextResponse.json({ status: ok ? 'ok' : 'degraded', database }, { status: ok ? 200 : 503 });
}
