import type { Generator } from '../types';
import { framesAfterStep } from './frames-after-step';

/** fork / copy-on-write / page-table generators (topic 5). */
export const memoryGenerators: readonly Generator[] = [framesAfterStep];
