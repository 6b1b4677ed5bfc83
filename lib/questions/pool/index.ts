import type { Generator } from '../types';
import { fastestExecutor, fastestExecutorV1, fastestExecutorV2, fastestExecutorV4, fastestExecutorV5 } from './fastest-executor';
import { pickleBytes, pickleBytesV1, pickleBytesV2 } from './pickle-bytes';
import { pipeEnds } from './pipe-ends';
import { poolMessages, poolMessagesV1, poolMessagesV2 } from './pool-messages';
import { poolOverhead, poolOverheadV1, poolOverheadV2, poolOverheadV4, poolOverheadV5 } from './pool-overhead';
import { poolRaises, poolRaisesV1, poolRaisesV2, poolRaisesV3 } from './pool-raises';

/** multiprocessing.Pool pickling / pipe / chunksize / cost generators (topic 4). */
export const poolGenerators: readonly Generator[] = [pickleBytes, poolMessages, poolRaises, fastestExecutorV5, poolOverheadV5, pipeEnds, poolRaisesV1, poolRaisesV2, poolRaisesV3, pickleBytesV1, pickleBytesV2, poolMessagesV1, poolMessagesV2, fastestExecutorV1, fastestExecutorV2, fastestExecutor, fastestExecutorV4, poolOverheadV1, poolOverheadV2, poolOverhead, poolOverheadV4];
