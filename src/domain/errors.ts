/**
 * The domain's error catalogue. Domain errors are bugs or broken invariants (an illegal order transition,
 * an overfill, mixing currencies); expected outcomes such as a rejected order are values, not errors.
 * Every code is stable: clients, logs and the HTTP catalogue key on it.
 */
export const DomainErrorCode = {
  INVALID_VALUE: 'INVALID_VALUE',
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',
  INSTRUMENT_MISMATCH: 'INSTRUMENT_MISMATCH',
  ILLEGAL_ORDER_TRANSITION: 'ILLEGAL_ORDER_TRANSITION',
  ORDER_OVERFILL: 'ORDER_OVERFILL',
  ORDER_MISMATCH: 'ORDER_MISMATCH',
  MISSING_MARK_PRICE: 'MISSING_MARK_PRICE',
  DUPLICATE_FILL: 'DUPLICATE_FILL',
  INSUFFICIENT_BALANCE: 'INSUFFICIENT_BALANCE',
  DIVISION_BY_ZERO: 'DIVISION_BY_ZERO',
} as const;
export type DomainErrorCode = (typeof DomainErrorCode)[keyof typeof DomainErrorCode];

export type ErrorDetails = Readonly<Record<string, unknown>>;

export class DomainError extends Error {
  override readonly name = 'DomainError';
  /** Domain errors describe the request or the state, so repeating the same call cannot succeed. */
  readonly retryable = false;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A rejected input: names the field, the value found and what was expected. */
export class InvalidValueError extends DomainError {
  constructor(
    readonly kind: string,
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(
      DomainErrorCode.INVALID_VALUE,
      `invalid ${kind} '${field}', was ${describeValue(value)}: expected ${expected}`,
      { kind, field, value: describeValue(value), expected },
    );
  }
}

/** Renders a found value for an error message: strings quoted, everything else as written in code. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  // Arrays have their own toString too, but "1,x" would read like a string: they go through JSON below.
  if (typeof value === 'object' && !Array.isArray(value) && 'toString' in value && value.toString !== Object.prototype.toString) {
    return JSON.stringify((value as { toString(): string }).toString());
  }
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}
