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
  return parts(id)[0];
}

export function quoteCurrency(id: InstrumentId): Currency {
  return parts(id)[1];
}

/**
 * Parsed symbols, memoised: the engine asks for a fill's currencies several times per fill. The symbol
 * asked for last is checked first, by a string comparison that is a pointer comparison for the same
 * string, before the map.
 */
const PARTS = new Map<string, readonly [Currency, Currency]>();
const MAX_MEMO = 10_000;
let lastId = '';
let lastParts: readonly [Currency, Currency] | undefined;

function parts(id: InstrumentId): readonly [Currency, Currency] {
  if (id === lastId && lastParts !== undefined) return lastParts;
  let known = PARTS.get(id);
  if (known === undefined) {
    const match = PATTERN.exec(id);
    if (match?.[1] === undefined || match[2] === undefined) {
      throw new InvalidValueError('symbol', 'symbol', id, 'BASE/QUOTE');
    }
    // The pattern's parts are valid currency codes; currency() brands them.
    known = [currency(match[1]), currency(match[2])] as const;
    if (PARTS.size < MAX_MEMO) PARTS.set(id, known);
  }
  lastId = id;
  lastParts = known;
  return known;
}
