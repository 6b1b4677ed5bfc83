/** multiprocessing.Pool simulator: an exact pickler, pool task/result messages, a cost model. */
export * from './values';
export * from './pickle';
export * from './disassemble';
export * from './pool';
export * from './literal';
export * from './cost';
export * from './pipe';
export * from './measured';
