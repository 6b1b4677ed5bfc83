import Link from 'next/link';
import type { LockdownNotice as Notice } from '@/lib/attempts/lockdown';

/** Shown instead of practice or drills while the student is in exam mode. */
export function LockdownNotice({ notice }: { notice: Notice }) {
  return (
    <section className="card space-y-3" role="alert" data-testid="lockdown" data-until={notice.until}>
      <h1 className="text-2xl font-bold">{notice.title}</h1>
      <p>{notice.message}</p>
      <Link href={notice.href} className="btn-primary inline-block" data-testid="lockdown-back">
        {notice.back}
      </Link>
    </section>
  );
}
