import type { Generator } from '../types';
import { pickleBytes } from './pickle-bytes';
import { poolMessages } from './pool-messages';
import { poolRaises } from './pool-raises';

/** multiprocessing.Pool pickling / pipe / chunksize generators (topic 4). */
export const poolGenerators: readonly Generator[] = [pickleBytes, poolMessages, poolRaises];
