export * from './types';
export * from './step';
export * from './search';
