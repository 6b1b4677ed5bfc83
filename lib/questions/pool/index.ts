import type { Generator } from '../types';
import { pickleBytes } from './pickle-bytes';

/** multiprocessing.Pool pickling / pipe / chunksize generators (topic 4). */
export const poolGenerators: readonly Generator[] = [pickleBytes];
