/** What other processes must drop from their memory level. */
export type Invalidation =
  | { readonly kind: 'keys'; readonly keys: readonly string[] }
  | { readonly kind: 'prefix'; readonly prefix: string }
  /** Everything: a clear, or a subscriber that may have missed messages. */
  | { readonly kind: 'all' };

/**
 * An invalidation on the wire (Redis pub/sub), JSON: `{"o":origin,"k":[keys]}`, `{"o":origin,"p":prefix}`
 * or `{"o":origin,"a":1}`. The origin lets a process skip its own messages.
 */
export function encodeInvalidation(origin: string, invalidation: Invalidation): string {
  switch (invalidation.kind) {
    case 'keys':
      return JSON.stringify({ o: origin, k: invalidation.keys });
    case 'prefix':
      return invalidation.prefix === '' ? JSON.stringify({ o: origin, a: 1 }) : JSON.stringify({ o: origin, p: invalidation.prefix });
    case 'all':
      return JSON.stringify({ o: origin, a: 1 });
  }
}

/** The origin and invalidation of a message; a message that cannot be read invalidates everything. */
export function decodeInvalidation(message: string): { readonly origin: string | undefined; readonly invalidation: Invalidation } {
  try {
    const raw = JSON.parse(message) as { o?: unknown; k?: unknown; p?: unknown };
    const origin = typeof raw.o === 'string' ? raw.o : undefined;
    if (Array.isArray(raw.k) && raw.k.every((key) => typeof key === 'string')) {
      return { origin, invalidation: { kind: 'keys', keys: raw.k } };
    }
    if (typeof raw.p === 'string' && raw.p !== '') return { origin, invalidation: { kind: 'prefix', prefix: raw.p } };
    return { origin, invalidation: { kind: 'all' } };
  } catch {
    return { origin: undefined, invalidation: { kind: 'all' } };
  }
}
