import { open, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidatingBarSink } from '../../application/market-data/validating-bar-sink.js';
import { instrumentId } from '../../domain/instruments/instrument-id.js';
import { timeframe } from '../../domain/market-data/timeframe.js';
import { detectCsvLayout, sampleLines } from './csv-layout.js';
import { scanCsvFile } from './scan-csv-bars.js';

function csv(rows: number): Buffer {
  let text = '\uFEFF# generated\r\ntimestamp,open,high,low,close,volume\r\n';
  for (let i = 0; i < rows; i += 1) {
    if (i % 17 === 0) text += `# note ${i}\r\n\r\n`;
    const ts = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
    text += `${ts},${100 + i},${102 + i},${99 + i},${101 + i},${i}\r\n`;
  }
  text += `2030-01-01T00:00:00Z,1,2,3,1,1\r\n`; // low above high: the one bad row, on the last line
  return Buffer.from(text, 'utf8');
}

async function scan(bytes: Buffer, pieceBytes: number) {
  const path = join(tmpdir(), `atb-scan-${process.pid}-${pieceBytes}.csv`);
  await writeFile(path, bytes);
  const layout = detectCsvLayout('f.csv', sampleLines(bytes.toString('latin1')));
  const sink = new ValidatingBarSink({ file: 'f.csv', skipBadRows: true });
  const file = await open(path, 'r');
  try {
    const position = await scanCsvFile(file, layout, sink, pieceBytes);
    return { position, series: sink.bars.build(instrumentId('BTC/USDT'), timeframe('1m')), skipped: sink.skipped };
  } finally {
    await file.close();
  }
}

describe('scanCsvFile', () => {
  it('reads a file in pieces exactly as in one, line numbers and comments included', async () => {
    const bytes = csv(300);
    const whole = await scan(bytes, bytes.length + 1);
    expect(whole.series.length).toBe(300);
    expect(whole.skipped.first).toEqual([{ line: whole.position.line, reason: 'high 2 is below low 3' }]);
    expect(whole.position.comments).toEqual(['# generated', '# note 0', '# note 17']);
    // Pieces shorter than a line (1, 7) make the reader grow its buffer; 64 and 1000 cut lines in two.
    for (const pieceBytes of [1, 7, 64, 1000]) {
      const pieces = await scan(bytes, pieceBytes);
      expect(pieces.position, `pieces of ${pieceBytes} bytes`).toEqual(whole.position);
      expect(pieces.skipped).toEqual(whole.skipped);
      expect(Buffer.from(pieces.series.close.buffer, 0, 300 * 8).equals(Buffer.from(whole.series.close.buffer, 0, 300 * 8))).toBe(true);
      expect([...pieces.series.tsOpen]).toEqual([...whole.series.tsOpen]);
    }
  });
});
