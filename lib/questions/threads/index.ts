import type { Generator } from '../types';
import { acquireResult, acquireResultV1, acquireResultV2 } from './acquire-result';
import { deadlock, deadlockV1, deadlockV2, deadlockV3 } from './deadlock';
import { eventWait, eventWaitV1 } from './event-wait';
import { eventWaiters } from './event-waiters';
import { gilRuntime, gilRuntimeV1, gilRuntimeV2, gilRuntimeV3 } from './gil-runtime';
import { lockHolder, lockHolderV1, lockHolderV2 } from './lock-holder';
import { printOrder, printOrderV1 } from './print-order';
import { whichRaises, whichRaisesV1, whichRaisesV2 } from './which-raises';

/** Thread, lock, event, daemon and GIL generators (topics 6–8), newest versions. */
export const latestThreadGenerators: readonly Generator[] = [lockHolder, acquireResult, eventWait, printOrder, deadlock, gilRuntime, whichRaises, eventWaiters];

/** Every registered version: version 1 of the generators since revised stays answerable for stored refs. */
export const threadGenerators: readonly Generator[] = [...latestThreadGenerators, lockHolderV2, lockHolderV1, acquireResultV1, acquireResultV2, eventWaitV1, deadlockV3, deadlockV2, deadlockV1, gilRuntimeV3, gilRuntimeV2, gilRuntimeV1, printOrderV1, whichRaisesV2, whichRaisesV1];
