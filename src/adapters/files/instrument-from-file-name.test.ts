import { describe, expect, it } from 'vitest';
import { instrumentFromFileName } from './instrument-from-file-name.js';

describe('instrumentFromFileName', () => {
  it.each([
    ['../shared/data/SOLUSDT-1h.csv', 'SOL/USDT'],
    ['EURUSD-1h.csv', 'EUR/USD'],
    ['BTCUSD-1M.csv', 'BTC/USD'],
    ['/data/binance/BTC_USDT-1h.feather', 'BTC/USDT'],
    ['BTC-USDT.csv', 'BTC/USDT'],
    ['eth_btc-5m.json', 'ETH/BTC'],
    ['BTC_USDT_USDT-1h-futures.feather', 'BTC/USDT:USDT'],
    ['SOLFDUSD-1m.csv', 'SOL/FDUSD'],
  ])('%s is %s', (path, expected) => {
    expect(instrumentFromFileName(path)).toBe(expected);
  });

  it.each(['NVDA-1d.csv', 'INDEXFUT-2006-1m.csv', 'prices.csv', 'USDT.csv'])('%s has no instrument in its name', (path) => {
    expect(instrumentFromFileName(path)).toBeUndefined();
  });
});
