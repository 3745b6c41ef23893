/** Published after an anonymization committed; best-effort (in-process). */
export class CustomerAnonymized {
  constructor(readonly reference: string) {}
}
