/** The objects simulator: a tiny Python class/instance interpreter with CPython's rules (pure, deterministic). */
export * from './types';
export {
  initialState,
  step,
  run,
  runFrom,
  baseRun,
  tryRun,
  tryRunFrom,
  liveInstances,
  classId,
  evalIn,
  evalTracked,
  dependsOn,
  hasCycle,
  identical,
  reachable,
  refsOf,
  reprOf,
  strOf,
  objectLabel,
  ProgramBuilder,
} from './interpret';
export type { BaseRun, Beliefs, ObjRun } from './interpret';
export { exprCode, stmtCode, classLines, renderProgram } from './render';
export type { RenderedProgram } from './render';
