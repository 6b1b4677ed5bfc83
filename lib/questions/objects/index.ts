import type { Generator } from '../types';
import { changesEveryInstance, changesEveryInstanceV1 } from './changes-every-instance';
import { classOrInstance } from './class-or-instance';
import { instanceCount, instanceCountV1 } from './instance-count';
import { sameObject, sameObjectV1 } from './same-object';
import { whatPrints, whatPrintsV1, whatPrintsV2 } from './what-prints';

/** Class / object / instance generators (topic 1). */
export const objectGenerators: readonly Generator[] = [instanceCount, whatPrints, sameObject, changesEveryInstance, classOrInstance, whatPrintsV2, whatPrintsV1, instanceCountV1, sameObjectV1, changesEveryInstanceV1];
