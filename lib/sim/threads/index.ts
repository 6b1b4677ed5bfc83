/** The thread/lock/event/GIL simulator: pure, deterministic, immutable state + step function. */
export * from './types';
export { compileProgram, ProgramError } from './compile';
export { initialState, step, runThread, advanceTick, defaultPolicy, hasReady, CPU_UNITS } from './step';
export { simulate, runCompiled, runEnd, analyzeDeadlock, permutations } from './run';
export type { RunResult, RunEnd, DeadlockReport, RunOptions } from './run';
export { callExpr, markOf, statement, threadVar, threadFunc } from './python';
