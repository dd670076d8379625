import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadBars } from '../../src/adapters/files/load-bars.js';
import { type CliIo } from '../../src/interfaces/cli/cli-io.js';
import { createProgram } from '../../src/interfaces/cli/create-program.js';
import { registerDataInspectCommand } from '../../src/interfaces/cli/commands/data-inspect.js';
import { requireSharedData, sharedFile } from './shared-data.js';

// `atb data inspect` run in-process through a commander program, wired to the real file adapters the way
// src/main wires it (the layer rule keeps that wiring out of src/interfaces, hence this folder).

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atb-data-inspect-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function atbData(args: string[]): Promise<string> {
  let out = '';
  const io: CliIo = { out: (t) => (out += t), err: () => undefined, setExitCode: () => undefined };
  const program = createProgram({ name: 'atb', version: '0.0.0', description: 'test' }, io);
  registerDataInspectCommand(program.command('data'), { io, loadBars });
  await program.parseAsync(['data', ...args], { from: 'user' });
  return out;
}

const CSV =
  'timestamp,open,high,low,close,volume\n' +
  '2024-01-01 00:00:00,1,2,0.5,1.5,10\n' +
  '2024-01-01 01:00:00,1,2,0.5,1.5,10\n' +
  '2024-01-01 01:00:00,1,2,0.5,1.5,10\n' +
  '2024-01-01 02:00:00,1,0.4,0.5,1.5,10\n' +
  '2024-01-01 05:00:00,1,2,0.5,1.5,10\n';

describe('atb data inspect', () => {
  it('prints the layout, bars, skipped rows, duplicates and gaps', async () => {
    const path = join(dir, 'BTCUSDT-1h.csv');
    await writeFile(path, CSV);
    const out = await atbData(['inspect', path, '--skip-bad-rows']);
    expect(out).toBe(
      [
        `file        ${path} (csv)`,
        "layout      comma-separated; header on line 1; time 'timestamp' (date-time text, UTC unless an offset is written); open 'open', high 'high', low 'low', close 'close', volume 'volume'",
        'instrument  BTC/USDT (file name)',
        'timeframe   1h (inferred)',
        'bars        3 loaded from 5 rows; 2024-01-01T00:00:00Z to 2024-01-01T05:00:00Z',
        'bad rows    1 skipped',
        '              line 5: high 0.4 is below low 0.5',
        'duplicates  1 dropped (line 4)',
        'gaps        1 (3 missing bars; weekends and holidays count)',
        '              3 missing after 2024-01-01T01:00:00Z (next 2024-01-01T05:00:00Z)',
        '',
      ].join('\n'),
    );
  });

  it('stops at a bad row without --skip-bad-rows', async () => {
    const path = join(dir, 'ETHUSDT-1h.csv');
    await writeFile(path, CSV);
    await expect(atbData(['inspect', path])).rejects.toMatchObject({ code: 'DATA_INVALID', message: `${path}:5: high 0.4 is below low 0.5` });
  });

  it('prints JSON and honours --symbol, --timeframe, --from and a whole-day --to', async () => {
    const path = join(dir, 'prices.csv');
    let text = 'date,open,high,low,close\n';
    for (let day = 1; day <= 9; day += 1) text += `2024-01-0${day},1,2,0.5,1.5\n`;
    await writeFile(path, text);
    const report = JSON.parse(await atbData(['inspect', path, '--symbol', 'ABC/EUR', '--timeframe', '1d', '--from', '2024-01-03', '--to', '2024-01-05', '--json'])) as Record<string, unknown>;
    expect(report).toMatchObject({ instrumentId: 'ABC/EUR', timeframe: '1d', timeframeSource: 'given', barsLoaded: 3, filteredOut: 6, firstTsOpen: Date.UTC(2024, 0, 3), lastTsOpen: Date.UTC(2024, 0, 5) });
  });

  it.each([
    [['--format', 'xml'], `invalid option '--format', was "xml": expected one of csv, json, arrow`],
    [['--from', 'soon'], `invalid option '--from', was "soon": expected a UTC date or date-time`],
    [['--date-order', 'ydm'], `invalid option '--date-order', was "ydm": expected ymd, dmy or mdy`],
  ])('refuses %j', async (args, message) => {
    await expect(atbData(['inspect', join(dir, 'x.csv'), '--symbol', 'A/B', ...args])).rejects.toThrow(message);
  });

  it.runIf(requireSharedData())('inspects the real INDEXFUT file and names its quirk', async () => {
    const out = await atbData(['inspect', sharedFile('INDEXFUT-2006-1m.csv'), '--symbol', 'IDX/USD']);
    expect(out).toContain('the header names 7 columns but rows have 8: columns 1-2 read as date and time');
    expect(out).toContain('bars        30889 loaded from 30889 rows; 2006-01-02T09:01:00Z to 2006-02-27T22:00:00Z');
  });
});
