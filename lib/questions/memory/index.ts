import type { Generator } from '../types';
import { afterExit } from './after-exit';
import { bothWrite, bothWriteFixed } from './both-write';
import { cowGenerator } from './build';
import { forkExecSavings } from './fork-exec-savings';
import { frameRefcount } from './frame-refcount';
import { framesAfterStep } from './frames-after-step';
import { sharedVsPrivate } from './shared-vs-private';
import { whichWritesFault } from './which-writes-fault';

const latest = [framesAfterStep, whichWritesFault, frameRefcount, forkExecSavings, bothWrite, sharedVsPrivate, afterExit] as const;

/**
 * fork / copy-on-write / page-table generators (topic 5), each at version 2, plus version 1 for
 * stored refs: the same scenarios and answers, shown in display edition 1 (a child with no
 * steps drawn as exiting at once) with the old kernel wording; see display.ts. both-write also
 * has version 3: version 2's display, with the zero-page case no longer saying "whoever writes
 * first gets the copy". Version 3 of each (both-write 4) is version 2 (both-write 3) worded for
 * Korean learners: 합니다체, the glossary's terms, no quotes from unseen notes (common.ts).
 * Version 4 of each (both-write 5) is version 3 with the shown program's comments in Korean for
 * Korean learners (display.ts edition 4) and, for four of them, scenarios and tags that make the
 * headline misconception a wrong option (models.ts).
 */
export const memoryGenerators: readonly Generator[] = [
  ...latest.map((g) => (g === bothWrite ? cowGenerator(4, bothWriteFixed, 5) : cowGenerator(4, g))),
  ...latest.map((g) => (g === bothWrite ? cowGenerator(3, bothWriteFixed, 4) : cowGenerator(3, g))),
  ...latest.map((g) => cowGenerator(2, g)),
  ...latest.map((g) => cowGenerator(1, g)),
  cowGenerator(2, bothWriteFixed, 3),
];
