import type { Generator } from '../types';
import { afterExit } from './after-exit';
import { bothWrite } from './both-write';
import { forkExecSavings } from './fork-exec-savings';
import { frameRefcount } from './frame-refcount';
import { framesAfterStep } from './frames-after-step';
import { sharedVsPrivate } from './shared-vs-private';
import { whichWritesFault } from './which-writes-fault';

/** fork / copy-on-write / page-table generators (topic 5). */
export const memoryGenerators: readonly Generator[] = [
  framesAfterStep,
  whichWritesFault,
  frameRefcount,
  forkExecSavings,
  bothWrite,
  sharedVsPrivate,
  afterExit,
];
