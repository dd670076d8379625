import { describe, expect, it } from 'vitest';
import { AtbError } from '../../shared/errors.js';
import { isConnectionError, isTransientDbError } from './transient-error.js';
import { translateDbError } from './translate-db-error.js';

const serverError = (code: string, message = 'server says no'): Error => Object.assign(new Error(message), { code });
const networkError = (code: string): Error => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111 });

describe('isTransientDbError', () => {
  it.each([
    ['a reset connection', networkError('ECONNRESET')],
    ['a refused connection', networkError('ECONNREFUSED')],
    ['connection failure 08006', serverError('08006')],
    ['admin shutdown 57P01', serverError('57P01')],
    ['the server starting 57P03', serverError('57P03')],
    ['serialization failure 40001', serverError('40001')],
    ['deadlock 40P01', serverError('40P01')],
    ['node-postgres losing the connection', new Error('Connection terminated unexpectedly')],
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['a wrapped connection error', new AtbError('UNAVAILABLE', 'db down', {}, { cause: networkError('ECONNRESET') })],
  ])('retries %s', (_, error) => {
    expect(isTransientDbError(error)).toBe(true);
  });

  it.each([
    ['a unique violation 23505', serverError('23505')],
    ['a check violation 23514', serverError('23514')],
    ['a not-null violation 23502', serverError('23502')],
    ['bad data 22P02', serverError('22P02')],
    ['a statement timeout 57014', serverError('57014')],
    ['a syntax error 42601', serverError('42601')],
    ['a bug', new TypeError('x is undefined')],
    ['an ATB error that is retryable for other reasons', new AtbError('TIMEOUT', 'slow')],
    ['a message that merely mentions a connection', new AtbError('CONFLICT', 'Connection terminated by the venue')],
  ])('never retries %s', (_, error) => {
    expect(isTransientDbError(error)).toBe(false);
  });

  it('tells a lost connection from a lost serialization conflict', () => {
    expect(isConnectionError(serverError('57P01'))).toBe(true);
    expect(isConnectionError(serverError('40001'))).toBe(false);
  });
});

describe('translateDbError', () => {
  it('maps constraint and data errors to CONFLICT and INVALID_INPUT, keeping the cause and naming the constraint', () => {
    const duplicate = Object.assign(serverError('23505', 'duplicate key value violates unique constraint "orders_pkey"'), {
      detail: 'Key (id)=(7) already exists.',
      constraint: 'orders_pkey',
      table: 'orders',
    });
    const conflict = translateDbError(duplicate, 'orders.insert') as AtbError;
    expect(conflict).toBeInstanceOf(AtbError);
    expect(conflict.code).toBe('CONFLICT');
    expect(conflict.retryable).toBe(false);
    expect(conflict.message).toBe(
      'orders.insert: conflicts with stored data: duplicate key value violates unique constraint "orders_pkey": Key (id)=(7) already exists.',
    );
    expect(conflict.details).toMatchObject({ sqlState: '23505', constraint: 'orders_pkey', table: 'orders' });
    expect(conflict.cause).toBe(duplicate);
    expect((translateDbError(serverError('23514'), 'op') as AtbError).code).toBe('INVALID_INPUT');
    expect((translateDbError(serverError('22003'), 'op') as AtbError).code).toBe('INVALID_INPUT');
  });

  it('maps timeouts, lost connections and lost conflicts, and leaves bugs alone', () => {
    const timeout = translateDbError(serverError('57014', 'canceling statement due to statement timeout'), 'op') as AtbError;
    expect([timeout.code, timeout.retryable]).toEqual(['TIMEOUT', false]);
    const lost = translateDbError(networkError('ECONNREFUSED'), 'op') as AtbError;
    expect([lost.code, lost.retryable]).toEqual(['UNAVAILABLE', true]);
    const serialization = translateDbError(serverError('40001'), 'op') as AtbError;
    expect([serialization.code, serialization.retryable]).toEqual(['CONFLICT', true]);
    const bug = serverError('42P01', 'relation "nope" does not exist');
    expect(translateDbError(bug, 'op')).toBe(bug);
    const already = new AtbError('INVALID_INPUT', 'checked before the query');
    expect(translateDbError(already, 'op')).toBe(already);
  });
});
