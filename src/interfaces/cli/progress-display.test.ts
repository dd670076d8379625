import { describe, expect, it } from 'vitest';
import { importProgressDisplay } from './import-progress.js';
import { progressDisplay } from './progress-display.js';

/** A terminal as cli-progress sees one: what is written is kept; cursor moves are accepted and ignored. */
function fakeTerminal(): NodeJS.WriteStream & { readonly text: () => string } {
  const chunks: string[] = [];
  const terminal = {
    isTTY: true,
    columns: 120,
    write: (chunk: string) => {
      chunks.push(String(chunk));
      return true;
    },
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
    clearScreenDown: () => true,
    text: () => chunks.join(''),
  };
  return terminal as unknown as NodeJS.WriteStream & { readonly text: () => string };
}

describe('progress on a terminal (cli-progress, loaded on first use)', () => {
  it('draws a live backtest bar with the bars done and the total', () => {
    const terminal = fakeTerminal();
    const progress = progressDisplay(200, terminal);
    progress.update(100, 200);
    progress.finish();
    expect(terminal.text()).toContain('backtest [');
    expect(terminal.text()).toContain('50% 100/200 bars');
  });

  it('draws a live import bar with the rows done', () => {
    const terminal = fakeTerminal();
    const progress = importProgressDisplay(400, terminal);
    progress.update(100);
    progress.finish();
    expect(terminal.text()).toContain('import [');
    expect(terminal.text()).toContain('25% 100/400 rows');
  });
});

describe('progress anywhere else', () => {
  it('writes a plain line at each quarter, never a bar', () => {
    const lines: string[] = [];
    const progress = progressDisplay(100, { isTTY: false, write: (text: string) => lines.push(text) } as unknown as NodeJS.WriteStream);
    for (let done = 10; done <= 100; done += 10) progress.update(done, 100);
    progress.finish();
    expect(lines).toEqual(['backtest 25% (30 of 100 bars)\n', 'backtest 50% (50 of 100 bars)\n', 'backtest 75% (80 of 100 bars)\n', 'backtest 100% (100 of 100 bars)\n']);
  });
});
