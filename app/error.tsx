'use client';

import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { StatusPage } from '@/components/status-page';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errors');
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <StatusPage
      code="500"
      title={t('errorTitle')}
      text={t('errorText')}
      action={
        <button type="button" className="btn-primary" onClick={reset}>
          {t('retry')}
        </button>
      }
    />
  );
}
