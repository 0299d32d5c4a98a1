export * from './model';
export * from './sample-data';
export * from './catalog-generator';
export * from './errors';
export * from './fault-injector';
export * from './latency';
export * from './shop-database';
