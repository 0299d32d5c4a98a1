export * from './keyed-mutex';
export * from './errors';
export * from './cache-aside';
export * from './write-through';
export * from './write-behind';
export * from './write-around';
export * from './single-flight';
