import { NextResponse } from 'next/server';
import { databaseHealth } from '@/lib/db/health';

export const dynamic = 'force-dynamic';

export async function GET() {
  const database = await databaseHealth();
  const ok = database.status === 'ok';
  return NextResponse.json({ status: ok ? 'ok' : 'degraded', database }, { status: ok ? 200 : 503 });
}
