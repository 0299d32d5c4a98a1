export * from './shipping';
export * from './ttl-policy';
export * from './ecommerce-service';
export * from './demo-scenarios';
export * from './performance-test';
export * from './demo';
