import type { Generator } from '../types';

/** Class / object / instance generators (topic 1). */
export const objectGenerators: readonly Generator[] = [];
