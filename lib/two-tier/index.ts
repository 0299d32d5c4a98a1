export * from './invalidation-bus';
export * from './invalidation-message';
export * from './bus-connection';
export * from './pubsub-bus';
export * from './tracking-bus';
export * from './two-tier-options';
export * from './two-tier-stats';
export * from './two-tier-cache';
