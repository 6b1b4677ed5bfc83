import type { Generator } from '../types';

/** fork / copy-on-write / page-table generators (topic 5). */
export const memoryGenerators: readonly Generator[] = [];
