import type { Generator } from '../types';
import { buildsToShipGenerator, buildsToShipV1, buildsToShipV2, buildsToShipV3 } from './builds-to-ship';
import { orderFlow, orderFlowV1, orderFlowV2, orderFlowV3, orderFlowV4 } from './order-flow';
import { platformDependentSteps, platformDependentStepsV1 } from './platform-dependent-steps';
import { runsOnMachine, runsOnMachineV1, runsOnMachineV2, runsOnMachineV3 } from './runs-on-machine';
import { whoRunsBytecode } from './who-runs-bytecode';

/** Build targets, artifacts and native-vs-bytecode flow generators (topics 2–3). */
export const buildGenerators: readonly Generator[] = [runsOnMachine, buildsToShipGenerator, platformDependentSteps, orderFlow, whoRunsBytecode, runsOnMachineV1, buildsToShipV1, orderFlowV1, runsOnMachineV2, buildsToShipV2, orderFlowV2, platformDependentStepsV1, runsOnMachineV3, buildsToShipV3, orderFlowV3, orderFlowV4];
