export * from './async-cache';
export * from './json-codec';
export * from './errors';
export * from './pending-invalidations';
export * from './memory-async-cache';
export * from './redis-cache';
export * from './logging-cache';
export * from './faulty-cache';
