export * from './customer-note.module';
export * from './customer-note.facade';
export * from './domain/customer-note.errors';
export { CustomerNote, CustomerNoteRevision } from './domain/customer-note.entity';
export { Migration20261203001200_customer_note } from './persistence/migrations/Migration20261203001200_customer_note';
export { EraseNotesOnAnonymizationPlugin } from './plugins/erase-notes-on-anonymization.plugin';
