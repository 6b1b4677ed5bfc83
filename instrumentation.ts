/**
 * Runs once when a server process starts (Next calls `register`). The drill answer's handler
 * for the server process itself (app/api/drill/answer/node-handler.ts) is built by Next with
 * the app, so it is handed to scripts/server.mjs here, on globalThis; until it is there, and
 * under `next start` or `next dev`, the route serves the answer through Next.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { handleAnswer } = await import('./app/api/drill/answer/node-handler');
  (globalThis as { lockstepAnswerHandler?: typeof handleAnswer }).lockstepAnswerHandler = handleAnswer;
}
