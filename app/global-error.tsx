'use client';

// Rendered when the root layout itself fails, outside the i18n provider: both languages.
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', padding: '3rem', textAlign: 'center' }}>
        <h1>Something went wrong · 문제가 발생했습니다</h1>
        <p>The page could not be shown. · 페이지를 표시하지 못했습니다.</p>
        <button type="button" onClick={reset}>
          Try again · 다시 시도
        </button>
      </body>
    </html>
  );
}
