/**
 * Which database failures are worth running the whole operation again: the connection was lost or
 * refused, the server is shutting down or starting, or the transaction lost a serialization conflict
 * or a deadlock (the server rolled it back, so a re-run is safe). Never constraint violations (23xxx),
 * bad data (22xxx), timeouts or bugs: repeating those gives the same answer or makes things worse.
 * @see https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
export function isTransientDbError(error: unknown): boolean {
  return someCause(error, (cause) => isConnectionCause(cause) || SERIALIZATION_STATES.has(sqlState(cause) ?? ''));
}

/**
 * True when the connection itself failed (lost, refused, server shutting down) rather than a statement:
 * the connection is then discarded, never handed to the next caller.
 */
export function isConnectionError(error: unknown): boolean {
  return someCause(error, isConnectionCause);
}

/** The SQLSTATE of a server error (five characters), or undefined for other errors. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

const SERIALIZATION_STATES: ReadonlySet<string> = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
]);

const NETWORK_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

// node-postgres reports a lost or timed-out connection with these messages and no code.
const CONNECTION_MESSAGES: readonly RegExp[] = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
];

/** Class 08 (connection exception) and 57P01-57P03 (admin_shutdown, crash_shutdown, cannot_connect_now). */
function isConnectionCause(cause: unknown): boolean {
  const state = sqlState(cause);
  if (state !== undefined) return state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03';
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') return NETWORK_CODES.has(code);
  const message = cause instanceof Error ? cause.message : '';
  return CONNECTION_MESSAGES.some((pattern) => pattern.test(message));
}

/** Follows `cause` links (an AtbError wrapping a driver error) a few levels deep. */
function someCause(error: unknown, test: (cause: unknown) => boolean): boolean {
  for (let cause = error, depth = 0; cause !== undefined && cause !== null && depth < 8; depth++) {
    if (typeof cause === 'object' && test(cause)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}
