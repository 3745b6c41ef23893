/** Published after the registration committed; best-effort (in-process), for caches and metrics. */
export class CustomerRegistered {
  constructor(readonly reference: string) {}
}
