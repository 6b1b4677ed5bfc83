/** The build simulator: targets, artifacts, what runs where, and the native vs VM flows (pure data + rules). */
export * from './facts';
export * from './types';
export { runsOn, targetId, cpuField, osName } from './run';
export { MACHINES, machineBase, nativeTarget, nativeArtifact, pycArtifact, classArtifact } from './catalog';
export { FLOWS, FLOWS_V2, assemblyOutput, flowStep, compareFlow, buildsToShip } from './flow';
export type { FlowKind, FlowStep, FlowVersions, StepComparison, ShipMode, ShipGroup } from './flow';
export { compileStraight, fnExprCode, straightFunctionCode } from './bytecode';
export type { BinOp, Compiled, FnExpr, Instruction, Operand, StraightFunction } from './bytecode';
