import { Decimal } from '../../domain/values/decimal.js';

/**
 * Reading typed values out of result rows, the same on both backends (see SqlSession): numeric and
 * bigint arrive as strings and stay exact, bytea as bytes. A value of the wrong type is a broken
 * invariant (a column changed under the code), so these throw plain Errors naming the column.
 */

/** A NUMERIC column as an exact Decimal (never through a float). */
export function decimalColumn(value: unknown, column: string): Decimal {
  if (typeof value !== 'string') throw new Error(`column ${column}: expected a numeric string, found ${typeof value}`);
  return Decimal.of(value, column);
}

export function optionalDecimalColumn(value: unknown, column: string): Decimal | undefined {
  return value === null || value === undefined ? undefined : decimalColumn(value, column);
}

/** A bigint column holding epoch milliseconds (or another safe integer). */
export function msColumn(value: unknown, column: string): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new Error(`column ${column}: expected a safe integer, found ${String(value)}`);
  return n;
}

export function optionalMsColumn(value: unknown, column: string): number | undefined {
  return value === null || value === undefined ? undefined : msColumn(value, column);
}

/** A bytea column: node-postgres gives a Buffer, PGlite a Uint8Array; both become a plain Uint8Array. */
export function bytesColumn(value: unknown, column: string): Uint8Array {
  if (!(value instanceof Uint8Array)) throw new Error(`column ${column}: expected bytes, found ${typeof value}`);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/**
 * A column a CHECK constraint guarantees for this kind of row (e.g. risk_events_shape): NULL here means
 * the table and the code disagree, a bug, never a value to default.
 */
export function requiredColumn<T>(value: T | null, column: string): T {
  if (value === null) throw new Error(`column ${column}: NULL where its CHECK constraint requires a value`);
  return value;
}

/** Drops undefined fields, so that an optional field read as NULL is absent, as in the object stored. */
export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * The SQL list of a numeric[] column cast to text[]. node-postgres parses numeric[] into JavaScript
 * numbers (losing digits) while it leaves numeric as a string, so array columns are always read as text.
 */
export function numericArrayAsText(column: string): string {
  return `${column}::text[] AS ${column}`;
}

export function textArrayColumn(value: unknown, column: string): readonly string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new Error(`column ${column}: expected an array of text`);
  return value as string[];
}
