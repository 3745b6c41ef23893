export * from './env';
export * from './mikro-orm';
export * from './migrate';
export * from './redis';
export * from './queues';
export * from './core.module';
export * from './bootstrap';
