import type { Generator } from '../types';
import { acquireResult } from './acquire-result';
import { deadlock } from './deadlock';
import { eventWait } from './event-wait';
import { gilRuntime } from './gil-runtime';
import { lockHolder } from './lock-holder';
import { printOrder } from './print-order';
import { whichRaises } from './which-raises';

/** Thread, lock, event, daemon and GIL generators (topics 6–8). */
export const threadGenerators: readonly Generator[] = [lockHolder, acquireResult, eventWait, printOrder, deadlock, gilRuntime, whichRaises];
