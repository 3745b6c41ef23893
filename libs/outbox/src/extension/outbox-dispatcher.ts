export interface DispatchedMessage {
  id: string;
  type: string;
  /** The request that wrote the message, for the delivery's log lines. */
  requestId?: string | null;
}

/**
 * Hands relayed outbox rows to whatever delivers them (a queue, or a sender in-process).
 * Must be idempotent per message id: the relay may hand the same message over again after a crash.
 * Throwing leaves the whole batch pending for the next poll.
 */
export interface OutboxDispatcher {
  dispatch(messages: DispatchedMessage[]): Promise<void>;
  /**
   * Hands over messages that were dispatched long ago and never delivered (lost queue data, or a failure whose
   * bookkeeping did not land). Optional; without it the relay calls `dispatch` again.
   */
  redispatch?(messages: DispatchedMessage[]): Promise<void>;
  /**
   * Registers `listener` to be called when the transport is reachable again after it lost its connection: it may
   * have lost what it held (a Redis restarted without persistence, or failed over), so the relay hands every message
   * relayed before then and not delivered over again at once, through `redispatch`. Optional.
   */
  onReconnect?(listener: () => void): void;
}
export const OUTBOX_DISPATCHER = Symbol('outbox.dispatcher');
