import { InvalidValueError } from '../errors.js';
import { currency, type Currency } from '../values/money.js';

/**
 * An instrument's unified symbol, as CCXT writes it: "BASE/QUOTE" for spot ("BTC/USDT") and
 * "BASE/QUOTE:SETTLE" for derivatives ("BTC/USDT:USDT").
 */
export type InstrumentId = string & { readonly __brand: 'InstrumentId' };

const PATTERN = /^([A-Z0-9]{1,20})\/([A-Z0-9]{1,20})(?::([A-Z0-9]{1,20}))?$/;

export function instrumentId(symbol: string, field = 'symbol'): InstrumentId {
  if (typeof symbol !== 'string' || !PATTERN.test(symbol)) {
    throw new InvalidValueError('symbol', field, symbol, 'BASE/QUOTE in upper case, such as "BTC/USDT"');
  }
  return symbol as InstrumentId;
}

export function baseCurrency(id: InstrumentId): Currency {
  return currency(parts(id)[0]);
}

export function quoteCurrency(id: InstrumentId): Currency {
  return currency(parts(id)[1]);
}

/** Parsed symbols, memoised: the engine asks for a fill's currencies on every fill. */
const PARTS = new Map<string, readonly [string, string]>();
const MAX_MEMO = 10_000;

function parts(id: InstrumentId): readonly [string, string] {
  const known = PARTS.get(id);
  if (known !== undefined) return known;
  const match = PATTERN.exec(id);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new InvalidValueError('symbol', 'symbol', id, 'BASE/QUOTE');
  }
  const parsed = [match[1], match[2]] as const;
  if (PARTS.size < MAX_MEMO) PARTS.set(id, parsed);
  return parsed;
}
