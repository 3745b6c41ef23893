export * from './outbox.module';
export * from './outbox.writer';
export * from './outbox.facade';
export * from './outbox.config';
export * from './relay/outbox-relay';
export * from './extension/outbox-dispatcher';
export { OutboxMessage } from './domain/outbox-message.entity';
export type { OutboxPayload, OutboxStatus } from './domain/outbox-message.entity';
export { Migration20261203000100_outbox } from './persistence/migrations/Migration20261203000100_outbox';
