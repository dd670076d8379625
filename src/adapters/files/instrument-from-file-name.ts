import { basename } from 'node:path';
import { instrumentId, type InstrumentId } from '../../domain/instruments/instrument-id.js';

/** Quote currencies recognised at the end of a glued symbol (`SOLUSDT`), longest first so USDT beats USD. */
const QUOTES = [
  'FDUSD', 'USDT', 'USDC', 'BUSD', 'TUSD', 'USDP', 'DAI', 'USD', 'EUR', 'GBP', 'JPY', 'CHF', 'AUD', 'CAD',
  'NZD', 'TRY', 'BRL', 'BTC', 'ETH', 'BNB',
] as const;
const QUOTE_SET = new Set<string>(QUOTES);

/**
 * The instrument a candle file is named after, or undefined: `BTC_USDT-1h.feather` and `BTC-USDT.csv`
 * (Freqtrade and exchange exports; `BTC_USDT_USDT-1h-futures` is the perpetual `BTC/USDT:USDT`), or a glued
 * symbol ending in a known quote currency: `SOLUSDT-1h.csv`, `EURUSD-1h.csv`. Anything else (`NVDA-1d.csv`)
 * cannot be told apart from a ticker and must be given.
 */
export function instrumentFromFileName(path: string): InstrumentId | undefined {
  const stem = basename(path).replace(/\.[^.]*$/, '').toUpperCase();
  const tokens = stem.split(/[-_ .]+/).filter((t) => t !== '');
  const [first, second, third] = tokens;
  if (first !== undefined && second !== undefined && QUOTE_SET.has(second) && /^[A-Z0-9]{2,20}$/.test(first)) {
    const settle = third !== undefined && QUOTE_SET.has(third) ? `:${third}` : '';
    return instrumentId(`${first}/${second}${settle}`);
  }
  for (const token of tokens) {
    for (const quote of QUOTES) {
      const base = token.slice(0, -quote.length);
      if (token.endsWith(quote) && /^[A-Z0-9]{2,10}$/.test(base)) return instrumentId(`${base}/${quote}`);
    }
  }
  return undefined;
}
