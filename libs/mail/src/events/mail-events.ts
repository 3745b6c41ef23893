/** Published after a mail was handed to the sender and recorded as delivered; best-effort, for metrics. */
export class MailDelivered {
  constructor(readonly outboxId: string, readonly type: string) {}
}

/** Published after a failed attempt was recorded; `final` when the mail is now dead. Best-effort, for metrics. */
export class MailDeliveryFailed {
  constructor(readonly outboxId: string, readonly final: boolean) {}
}
