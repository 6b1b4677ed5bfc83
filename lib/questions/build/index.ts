import type { Generator } from '../types';
import { buildsToShipGenerator, buildsToShipV1 } from './builds-to-ship';
import { orderFlow, orderFlowV1 } from './order-flow';
import { platformDependentSteps } from './platform-dependent-steps';
import { runsOnMachine, runsOnMachineV1 } from './runs-on-machine';
import { whoRunsBytecode } from './who-runs-bytecode';

/** Build targets, artifacts and native-vs-bytecode flow generators (topics 2–3). */
export const buildGenerators: readonly Generator[] = [runsOnMachine, buildsToShipGenerator, platformDependentSteps, orderFlow, whoRunsBytecode, runsOnMachineV1, buildsToShipV1, orderFlowV1];
