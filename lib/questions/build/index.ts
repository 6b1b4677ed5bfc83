import type { Generator } from '../types';
import { buildsToShipGenerator } from './builds-to-ship';
import { orderFlow } from './order-flow';
import { platformDependentSteps } from './platform-dependent-steps';
import { runsOnMachine } from './runs-on-machine';

/** Build targets, artifacts and native-vs-bytecode flow generators (topics 2–3). */
export const buildGenerators: readonly Generator[] = [runsOnMachine, buildsToShipGenerator, platformDependentSteps, orderFlow];
