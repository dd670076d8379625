import { AtbError } from '../errors.js';

/**
 * Checks for the numeric options of the resilience primitives. Options usually come from the parsed
 * configuration, so a bad one is CONFIG_INVALID with the owner, the field, the value and what was expected.
 */
export function invalidOption(owner: string, field: string, value: unknown, expected: string): AtbError {
  const found = describe(value);
  return new AtbError('CONFIG_INVALID', `invalid ${owner} option '${field}', was ${found}: expected ${expected}`, {
    owner,
    field,
    value: found,
    expected,
  });
}

export function checkInteger(owner: string, field: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw invalidOption(owner, field, value, `an integer >= ${min}`);
  return value;
}

/** A duration in milliseconds: finite and >= 0, or > 0 when `positive`; `Infinity` only when allowed. */
export function checkMs(
  owner: string,
  field: string,
  value: number,
  { positive = false, infinite = false }: { positive?: boolean; infinite?: boolean } = {},
): number {
  const ok =
    typeof value === 'number' &&
    !Number.isNaN(value) &&
    (positive ? value > 0 : value >= 0) &&
    (infinite || Number.isFinite(value));
  if (!ok) {
    const range = positive ? '> 0' : '>= 0';
    throw invalidOption(owner, field, value, `a duration in milliseconds ${range}${infinite ? ' or Infinity' : ''}`);
  }
  return value;
}

/** A percentage in (0, 100], as Resilience4j accepts for its rate thresholds. */
export function checkPercent(owner: string, field: string, value: number): number {
  if (typeof value !== 'number' || !(value > 0 && value <= 100)) {
    throw invalidOption(owner, field, value, 'a percentage greater than 0 and at most 100');
  }
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  return String(value);
}
