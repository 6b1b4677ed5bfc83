import Link from 'next/link';
import type { ReactNode } from 'react';

export function StatusPage({ code, title, text, action }: { code: string; title: string; text: string; action?: ReactNode }) {
  return (
    <div className="mx-auto max-w-lg space-y-4 py-12 text-center" data-testid={`status-${code}`}>
      <p className="font-mono text-sm text-muted">{code}</p>
      <h1 className="text-2xl font-bold">{title}</h1>
      <p className="text-muted">{text}</p>
      <div className="flex justify-center gap-3">
        {action}
        <Link href="/" className="btn-secondary">
          {'←'}
        </Link>
      </div>
    </div>
  );
}
