import { describe, expect, it } from 'vitest';
import { thrown } from '../../../test/domain/builders.js';
import { InvalidValueError } from '../errors.js';
import { baseCurrency, instrumentId, quoteCurrency } from './instrument-id.js';

describe('instrumentId', () => {
  it.each(['BTC/USDT', '1INCH/USDT', 'BTC/USDT:USDT', 'ETH/BTC'])('accepts %s', (symbol) => {
    expect(instrumentId(symbol)).toBe(symbol);
  });

  it.each(['btc/usdt', 'BTCUSDT', 'BTC-USDT', 'BTC/', '/USDT', 'BTC/USDT:', ' BTC/USDT', 'BTC/USDT/ETH', '', 42])('rejects %o', (symbol) => {
    const error = thrown(() => instrumentId(symbol as string, 'instrument'));
    expect(error).toBeInstanceOf(InvalidValueError);
    expect(error.message).toMatch(/^invalid symbol 'instrument', was .*: expected BASE\/QUOTE in upper case, such as "BTC\/USDT"$/);
  });

  it('splits into base and quote currencies (the settle currency is not the quote)', () => {
    expect(baseCurrency(instrumentId('BTC/USDT'))).toBe('BTC');
    expect(quoteCurrency(instrumentId('BTC/USDT'))).toBe('USDT');
    expect(baseCurrency(instrumentId('ETH/USD:BTC'))).toBe('ETH');
    expect(quoteCurrency(instrumentId('ETH/USD:BTC'))).toBe('USD');
  });
});
