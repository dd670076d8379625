/**
 * Errors raised outside the pure domain (configuration, I/O, resilience). Each code is stable and declared
 * once here with whether repeating the call may succeed and the HTTP status an API answers with; the
 * domain's own codes live in domain/errors.ts and share the same shape ({ code, details, retryable }).
 */
export const ErrorCatalogue = {
  CONFIG_INVALID: { httpStatus: 500, retryable: false, summary: 'the configuration is invalid' },
  INVALID_INPUT: { httpStatus: 400, retryable: false, summary: 'an input is malformed' },
  NOT_FOUND: { httpStatus: 404, retryable: false, summary: 'the requested item does not exist' },
  CONFLICT: { httpStatus: 409, retryable: false, summary: 'the item changed or already exists' },
  TIMEOUT: { httpStatus: 504, retryable: true, summary: 'the operation took longer than allowed' },
  CIRCUIT_OPEN: { httpStatus: 503, retryable: true, summary: 'a circuit breaker is open' },
  BULKHEAD_FULL: { httpStatus: 503, retryable: true, summary: 'too many concurrent calls' },
  RETRIES_EXHAUSTED: { httpStatus: 503, retryable: false, summary: 'every retry failed' },
  UNAVAILABLE: { httpStatus: 503, retryable: true, summary: 'a dependency is unavailable' },
  DATA_INVALID: { httpStatus: 422, retryable: false, summary: 'a data file or payload is malformed' },
  LOCKED: { httpStatus: 423, retryable: false, summary: 'a resource is held by another process' },
  MIGRATION_FAILED: { httpStatus: 500, retryable: false, summary: 'a database migration could not be applied' },
  LOOK_AHEAD: { httpStatus: 500, retryable: false, summary: 'a strategy tried to read a bar that has not closed yet' },
} as const satisfies Record<string, { httpStatus: number; retryable: boolean; summary: string }>;

export type ErrorCode = keyof typeof ErrorCatalogue;

/** What every ATB error carries, domain or not. */
export interface CodedError {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly details: Readonly<Record<string, unknown>>;
}

export class AtbError extends Error implements CodedError {
  override readonly name = 'AtbError';
  readonly retryable: boolean;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options?.retryable ?? ErrorCatalogue[code].retryable;
  }
}

export function isCodedError(error: unknown): error is CodedError {
  return (
    error instanceof Error &&
    typeof (error as Partial<CodedError>).code === 'string' &&
    typeof (error as Partial<CodedError>).retryable === 'boolean'
  );
}
