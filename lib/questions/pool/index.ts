import type { Generator } from '../types';

/** multiprocessing.Pool pickling / pipe / chunksize generators (topic 4). */
export const poolGenerators: readonly Generator[] = [];
