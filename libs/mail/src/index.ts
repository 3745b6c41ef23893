export * from './mail.module';
export * from './mail.config';
export * from './mail.queues';
export * from './extension/mail-sender';
export { MAIL_TYPES, MailTemplates, UnknownMailTypeError } from './templates/mail-templates';
export type { RenderedMail } from './templates/mail-templates';
export type { LocalizedMailTemplate, MailTemplateSource } from './templates/mail-template';
export { MailQueueDispatcher } from './delivery/mail-queue.dispatcher';
