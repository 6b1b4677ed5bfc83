import type { Generator } from '../types';
import { fastestExecutor } from './fastest-executor';
import { pickleBytes } from './pickle-bytes';
import { pipeEnds } from './pipe-ends';
import { poolMessages } from './pool-messages';
import { poolOverhead } from './pool-overhead';
import { poolRaises, poolRaisesV1 } from './pool-raises';

/** multiprocessing.Pool pickling / pipe / chunksize / cost generators (topic 4). */
export const poolGenerators: readonly Generator[] = [pickleBytes, poolMessages, poolRaises, fastestExecutor, poolOverhead, pipeEnds, poolRaisesV1];
