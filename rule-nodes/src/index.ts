export * from './api-views';
export * from './catalog';
export * from './graph';
export * from './placeholders';
export * from './protocol';
export * from './validate';
export * from './waits';
export { EXTRA_OPERATORS } from './rules';
