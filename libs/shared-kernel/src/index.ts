export * from './domain-error';
export * from './clock';
export * from './plugin-stack';
export * from './secret-token';
export * from './duration';
export * from './kernel.module';
export * from './transaction-fork';
export * from './iso-date';
