import { describe, expect, it } from 'vitest';
import { createLogger, prettyLine } from './logger.js';

function capture(format: 'json' | 'pretty') {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', format }, { write: (text: string) => void lines.push(text) });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines at or above the level', () => {
    const { logger, lines } = capture('json');
    logger.debug('hidden');
    logger.info({ runId: 7 }, 'started');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 30, msg: 'started', runId: 7 });
  });

  it('never writes a secret, even when a whole configuration is logged', () => {
    const { logger, lines } = capture('json');
    logger.info(
      {
        config: {
          exchange: { apiKey: 'K-123', secret: 'S-456' },
          database: { url: 'postgres://atb:PW-789@db/atb' },
          cache: { bars: { encryption: { key: 'E-000' } } },
        },
        request: { password: 'P-111' },
      },
      'configured',
    );
    const text = lines.join('');
    for (const secret of ['K-123', 'S-456', 'PW-789', 'E-000', 'P-111']) expect(text).not.toContain(secret);
    expect(text).toContain('postgres://atb:***@db/atb');
  });

  it('writes one readable line per record in pretty format', () => {
    const { logger, lines } = capture('pretty');
    logger.warn({ symbol: 'BTC/USDT', note: 'two words' }, 'gap in data');
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} WARN {2}gap in data symbol=BTC\/USDT note="two words"\n$/);
  });
});

describe('prettyLine', () => {
  it('prints the stack of a logged error below the line', () => {
    const line = prettyLine({ level: 50, time: Date.UTC(2024, 0, 2, 3, 4, 5, 6), msg: 'failed', err: { message: 'boom', stack: 'Error: boom\n    at x' } });
    expect(line).toBe('03:04:05.006 ERROR failed\n    Error: boom\n        at x');
  });
});
