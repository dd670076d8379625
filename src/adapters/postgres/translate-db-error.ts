import { AtbError, isCodedError } from '../../shared/errors.js';
import { isConnectionError, isTransientDbError, sqlState } from './transient-error.js';

/** The fields PostgreSQL error responses carry (node-postgres and PGlite both expose them). */
interface ServerErrorFields {
  readonly message?: string;
  readonly detail?: string;
  readonly constraint?: string;
  readonly table?: string;
  readonly column?: string;
}

/**
 * Turns a driver error into an AtbError with a stable code, keeping the original as `cause`:
 * unique / foreign-key / exclusion violations are CONFLICT, other constraint and data errors
 * INVALID_INPUT, a statement timeout TIMEOUT, a lost connection UNAVAILABLE, a serialization failure or
 * deadlock CONFLICT marked retryable. Errors that already carry a code, and bugs (a syntax error, an
 * unknown table), pass through unchanged.
 */
export function translateDbError(error: unknown, operation: string): unknown {
  if (error instanceof AtbError || (isCodedError(error) && sqlState(error) === undefined)) return error;
  const state = sqlState(error);
  const fields = (typeof error === 'object' && error !== null ? error : {}) as ServerErrorFields;
  const reason = [fields.message, fields.detail].filter((text) => text !== undefined && text !== '').join(': ');
  const details = {
    operation,
    sqlState: state,
    ...(fields.constraint === undefined ? {} : { constraint: fields.constraint }),
    ...(fields.table === undefined ? {} : { table: fields.table }),
    ...(fields.column === undefined ? {} : { column: fields.column }),
  };
  const wrap = (code: ConstructorParameters<typeof AtbError>[0], what: string, retryable?: boolean): AtbError =>
    new AtbError(code, `${operation}: ${what}: ${reason}`, details, {
      cause: error,
      ...(retryable === undefined ? {} : { retryable }),
    });

  if (state === '23505' || state === '23503' || state === '23P01') return wrap('CONFLICT', 'conflicts with stored data');
  if (state?.startsWith('23') === true || state?.startsWith('22') === true) return wrap('INVALID_INPUT', 'rejected by the database');
  if (state === '40001' || state === '40P01') return wrap('CONFLICT', 'lost a conflict with a concurrent transaction', true);
  if (state === '57014') return wrap('TIMEOUT', 'cancelled by the statement timeout', false);
  if (state === '55P03') return wrap('TIMEOUT', 'could not get a lock in time', false);
  if (isConnectionError(error) || state?.startsWith('53') === true) {
    return wrap('UNAVAILABLE', 'the database is unreachable or refused the connection', isTransientDbError(error));
  }
  return error;
}
