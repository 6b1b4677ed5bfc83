/** What the attempt player's server actions answer; the player takes the actions as props. */
import type { SaveState, SubmitState } from './service';

export type SaveActionState = SaveState | { status: 'unauthorized' } | { status: 'error' };
export type SubmitActionState = SubmitState | { status: 'invalid' } | { status: 'unauthorized' } | { status: 'error' };

export type SaveAction = (input: { attemptId: string; position: number; response: unknown; durationMs: number }) => Promise<SaveActionState>;
export type SubmitAction = (input: { attemptId: string }) => Promise<SubmitActionState>;
