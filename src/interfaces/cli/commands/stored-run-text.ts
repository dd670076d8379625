import type { BacktestRunSummary, StoredBacktestRun } from '../../../application/ports/backtest-run-repository.js';

/** `atb runs list` for people: one aligned row per run, newest first. */
export function renderRunList(runs: readonly BacktestRunSummary[]): string {
  const header = ['id', 'saved', 'strategy', 'instrument', 'tf', 'from', 'to', 'bars', 'trades', 'final equity', 'return'];
  const rows = runs.map((run) => [
    run.id,
    isoSeconds(run.createdTsMs),
    run.strategy,
    run.instrumentId,
    run.timeframe,
    day(run.period.from),
    day(run.period.to),
    String(run.bars),
    String(run.closedTrades),
    `${run.finalEquity} ${run.currency}`,
    run.totalReturnPct === null ? 'n/a' : `${run.totalReturnPct.toFixed(2)}%`,
  ]);
  return table(header, rows);
}

/** `atb runs show ID` for people: what ran, the results, every metric, every trade. */
export function renderStoredRun(run: StoredBacktestRun): string {
  const r = run.report;
  const params = Object.entries(r.strategy.params).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`);
  const data = typeof r.settings.data === 'string' ? r.settings.data : JSON.stringify(r.settings.data ?? null);
  const lines = [
    `run ${run.id}, saved ${isoSeconds(run.createdTsMs)}`,
    `${r.strategy.name}${params.length === 0 ? '' : ` (${params.join(', ')})`} on ${r.instrumentId} ${r.timeframe}, ${day(r.period.from)} to ${day(r.period.to)}`,
    `data: ${data}, ${r.bars} bars`,
    '',
    `final equity   ${r.finalEquity} ${r.currency}  (start ${r.startingEquity})`,
    `trades         ${r.closedTrades} closed, ${r.openTrades} open`,
    `orders         ${r.orders.submitted} submitted, ${r.orders.filled} filled, ${r.orders.canceled} canceled, ${r.orders.rejected} rejected, ${r.orders.expired} expired`,
    `trading state  ${r.tradingState.final}`,
    ...r.tradingState.changes.map((c) => `  ${c.time}: ${c.from} -> ${c.to} (${c.reason})`),
    '',
    'metrics',
    ...Object.entries(r.metrics).map(([name, value]) => {
      const note = r.metricNotes[name];
      const text = value === null ? `n/a${note === undefined ? '' : ` (${note})`}` : String(value);
      return `  ${name.padEnd(22)} ${text}`;
    }),
  ];
  const out = [`${lines.join('\n')}\n`];
  if (r.trades.length > 0) {
    out.push(`\nclosed trades (${r.trades.length})\n`);
    out.push(
      indent(
        table(
          ['#', 'side', 'quantity', 'entry', 'entry price', 'exit', 'exit price', 'pnl', 'fees', 'net pnl', 'return'],
          r.trades.map((t, i) => [
            String(i + 1),
            t.side,
            t.quantity,
            t.entryTime,
            t.entryPrice,
            t.exitTime,
            t.exitPrice,
            t.pnl,
            t.fees,
            t.netPnl,
            `${t.returnPct.toFixed(2)}%`,
          ]),
        ),
      ),
    );
  }
  if (r.openPositions.length > 0) {
    out.push(`\nopen positions (${r.openPositions.length})\n`);
    out.push(indent(table(['instrument', 'side', 'quantity', 'entry', 'entry price', 'mark', 'unrealized'], r.openPositions.map((p) => [
      p.instrumentId,
      p.side,
      p.quantity,
      p.entryTime,
      p.entryPrice,
      p.markPrice,
      p.unrealizedPnl,
    ]))));
  }
  if (r.rejections.length > 0) {
    out.push(`\nrejections (${r.rejections.length})\n`);
    out.push(indent(table(['time', 'order', 'source', 'code', 'reason'], r.rejections.map((x) => [x.time, x.clientOrderId, x.source, x.code, x.reason]))));
  }
  return out.join('');
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => (row[c] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

function indent(text: string): string {
  return text.replace(/^(?=.)/gm, '  ');
}

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The day of an ISO time, or "?" when the report has none. */
function day(iso: string | null): string {
  return iso === null ? '?' : iso.slice(0, 10);
}
