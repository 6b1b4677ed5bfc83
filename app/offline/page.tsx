import type { Metadata } from 'next';

export const metadata: Metadata = { title: 'Offline · 오프라인' };

/**
 * Shown by the service worker when a page cannot be reached. It is saved once, in whatever
 * language was chosen then, so it says its message in both.
 */
export default function OfflinePage() {
  return (
    <div className="space-y-6" data-testid="offline">
      <section lang="en" className="space-y-2">
        <h1 className="text-2xl font-bold">You are offline</h1>
        <p>Drills, practice and exams are graded on the server, so they need a connection. Your answers so far are saved; reconnect and reload to go on.</p>
      </section>
      <section lang="ko" className="space-y-2">
        <h2 className="text-2xl font-bold">오프라인 상태입니다</h2>
        <p>드릴, 연습, 시험은 서버에서 채점하므로 인터넷 연결이 필요합니다. 지금까지 낸 답은 저장되어 있습니다. 다시 연결한 뒤 새로 고침하면 이어서 할 수 있습니다.</p>
      </section>
    </div>
  );
}
