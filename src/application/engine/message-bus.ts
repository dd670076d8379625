/**
 * A typed in-process publish/subscribe bus. Handlers run synchronously in subscription order, on the
 * engine's single thread. A handler that throws does not stop the others or the engine: the error goes to
 * `onHandlerError` (logged and counted by the composition), because an observer such as a report writer
 * must never halt trading.
 *
 * @example
 *   const bus = new MessageBus<{ fill: Fill }>();
 *   const off = bus.subscribe('fill', (fill) => console.log(fill.tradeId));
 *   bus.publish('fill', fill);
 *   off();
 */
export class MessageBus<Topics extends object> {
  private readonly handlers = new Map<keyof Topics, ((payload: never) => void)[]>();

  constructor(private readonly onHandlerError: (error: unknown, topic: PropertyKey) => void = rethrow) {}

  subscribe<K extends keyof Topics>(topic: K, handler: (payload: Topics[K]) => void): () => void {
    const list = this.handlers.get(topic) ?? [];
    const entry = handler as (payload: never) => void;
    this.handlers.set(topic, [...list, entry]);
    return () => {
      this.handlers.set(topic, (this.handlers.get(topic) ?? []).filter((h) => h !== entry));
    };
  }

  /** Lets a publisher skip building a payload nobody listens to. */
  hasSubscribers(topic: keyof Topics): boolean {
    return (this.handlers.get(topic)?.length ?? 0) > 0;
  }

  publish<K extends keyof Topics>(topic: K, payload: Topics[K]): void {
    const list = this.handlers.get(topic);
    if (list === undefined) return;
    for (const handler of list) {
      try {
        (handler as (payload: Topics[K]) => void)(payload);
      } catch (error) {
        this.onHandlerError(error, topic);
      }
    }
  }
}

function rethrow(error: unknown): never {
  throw error;
}
