export * from './catalog';
export * from './placeholders';
export * from './protocol';
export * from './validate';
export { EXTRA_OPERATORS } from './rules';
