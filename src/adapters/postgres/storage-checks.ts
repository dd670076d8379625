import { DomainError } from '../../domain/errors.js';
import { instrumentId, type InstrumentId } from '../../domain/instruments/instrument-id.js';
import { currency, type Currency } from '../../domain/values/money.js';
import { AtbError } from '../../shared/errors.js';

/**
 * The size limits of the trading tables, the same as their CHECK constraints (migrations/0002..0006),
 * checked here first so that a caller gets one clear INVALID_INPUT naming the field instead of a
 * constraint name from the database.
 */
export const StorageLimits = {
  /** Names and ids chosen by people or strategies: strategy names, run ids, model names, codes. */
  NAME_CHARS: 128,
  /** Free text: descriptions, rejection and cancel reasons, errors. */
  TEXT_CHARS: 4_096,
  /** One JSON document (parameters, state, metrics, summaries) as UTF-8. */
  JSON_BYTES: 1 << 20,
  /** A backtest report's JSON parts (rejections can be many). */
  REPORT_JSON_BYTES: 16 << 20,
  /** A model artifact. */
  ARTIFACT_BYTES: 64 << 20,
  /** Rows one read may return. */
  MAX_ROWS: 100_000,
} as const;

const ACCOUNT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

export function invalidInput(entity: string, field: string, value: unknown, expected: string): AtbError {
  return new AtbError('INVALID_INPUT', `invalid ${entity} '${field}', was ${shown(value)}: expected ${expected}`, { entity, field });
}

/** A name or id: 1 to `max` characters, anything but NUL (which PostgreSQL text cannot hold). */
export function checkName(entity: string, field: string, value: string, max: number = StorageLimits.NAME_CHARS): string {
  if (typeof value !== 'string' || value.length === 0 || !fits(value, max) || value.includes('\0')) {
    throw invalidInput(entity, field, value, `1 to ${max} characters without NUL`);
  }
  return value;
}

/** Free text, possibly empty, up to `max` characters, without NUL. */
export function checkText(entity: string, field: string, value: string, max: number = StorageLimits.TEXT_CHARS): string {
  if (typeof value !== 'string' || !fits(value, max) || value.includes('\0')) {
    throw invalidInput(entity, field, value, `at most ${max} characters without NUL`);
  }
  return value;
}

export function checkTsMs(entity: string, field: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw invalidInput(entity, field, value, 'epoch milliseconds, a non-negative integer');
  return value;
}

/** A whole number from `min` to 2^31 - 1 (a PostgreSQL integer). */
export function checkInteger(entity: string, field: string, value: number, min = 0): number {
  if (!Number.isSafeInteger(value) || value < min || value > 2_147_483_647) {
    throw invalidInput(entity, field, value, `a whole number from ${min} to 2147483647`);
  }
  return value;
}

export function checkFinite(entity: string, field: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw invalidInput(entity, field, value, 'a finite number');
  return value;
}

/** An account id as Portfolio accepts it: 1 to 64 letters, digits or . _ : - */
export function checkAccountId(entity: string, value: string): string {
  if (typeof value !== 'string' || !ACCOUNT_ID.test(value)) throw invalidInput(entity, 'accountId', value, '1 to 64 letters, digits or . _ : -');
  return value;
}

export function checkInstrumentId(entity: string, field: string, value: string): InstrumentId {
  return fromDomain(entity, field, value, () => instrumentId(value, field));
}

export function checkCurrency(entity: string, field: string, value: string): Currency {
  return fromDomain(entity, field, value, () => currency(value, field));
}

/** A read's row limit: a whole number from 1 to StorageLimits.MAX_ROWS. */
export function checkLimit(entity: string, value: number | undefined, fallback: number): number {
  const limit = value ?? fallback;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > StorageLimits.MAX_ROWS) {
    throw invalidInput(entity, 'limit', value, `a whole number from 1 to ${StorageLimits.MAX_ROWS}`);
  }
  return limit;
}

/**
 * A value as the JSON text a jsonb column stores. Refused, rather than silently changed: values JSON
 * cannot carry (undefined, functions, bigint), numbers that are not finite (JSON.stringify would write
 * null), NUL characters (jsonb cannot hold \u0000), and documents over `maxBytes`.
 */
export function jsonText(entity: string, field: string, value: unknown, maxBytes: number = StorageLimits.JSON_BYTES): string {
  let problem: string | undefined;
  const text = JSON.stringify(value, function (key: string, inner: unknown) {
    if (problem !== undefined) return inner;
    if (key.includes('\0')) problem = 'a key with a NUL character';
    else if (typeof inner === 'number' && !Number.isFinite(inner)) problem = `the number ${String(inner)} at "${key}"`;
    else if (typeof inner === 'string' && inner.includes('\0')) problem = `a NUL character in "${key}"`;
    else if (typeof inner === 'bigint' || typeof inner === 'function' || typeof inner === 'symbol') problem = `a ${typeof inner} at "${key}"`;
    // A bigint would make JSON.stringify throw before we could say where it was.
    return typeof inner === 'bigint' ? null : inner;
  }) as string | undefined;
  if (text === undefined) throw invalidInput(entity, field, value, 'a JSON value');
  if (problem !== undefined) {
    throw new AtbError('INVALID_INPUT', `invalid ${entity} '${field}': expected plain JSON data, found ${problem}`, { entity, field });
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > maxBytes) {
    throw new AtbError('INVALID_INPUT', `invalid ${entity} '${field}', was ${bytes} bytes of JSON: expected at most ${maxBytes} bytes`, { entity, field });
  }
  return text;
}

/** Runs a domain check, turning its InvalidValueError into AtbError INVALID_INPUT for this entity. */
function fromDomain<T>(entity: string, field: string, value: unknown, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DomainError) {
      const expected = typeof error.details.expected === 'string' ? error.details.expected : error.message;
      throw invalidInput(entity, field, value, expected);
    }
    throw error;
  }
}

/** Whether `value` has at most `max` characters (code points, as PostgreSQL's char_length counts). */
function fits(value: string, max: number): boolean {
  if (value.length <= max) return true;
  if (value.length > 2 * max) return false;
  let count = 0;
  for (const _char of value) if (++count > max) return false;
  return true;
}

/** The found value for a message: long strings are cut (a 5 MB name must not become a 5 MB message). */
function shown(value: unknown): string {
  if (typeof value === 'string') {
    const chars = [...value];
    return chars.length > 60 ? `a string of ${chars.length} characters starting ${JSON.stringify(chars.slice(0, 20).join(''))}` : JSON.stringify(value);
  }
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return typeof value;
}
