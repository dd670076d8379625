/** The report page's style sheet: light, system font, tables that stay readable when wide. */
export const REPORT_STYLES = `
:root { color-scheme: light; --fg: #0f172a; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; --up: #15803d; --down: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1280px; margin: 0 auto; padding: 24px; }
header h1 { margin: 0 0 4px; font-size: 22px; font-weight: 600; }
header .sub { color: var(--muted); }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(135px, 1fr)); gap: 10px; margin: 18px 0; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
.card .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 18px; font-weight: 600; font-variant-numeric: tabular-nums; }
section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px; margin: 16px 0; }
h2 { font-size: 16px; margin: 0 0 10px; font-weight: 600; }
h3 { font-size: 13px; margin: 12px 0 4px; color: var(--muted); font-weight: 600; }
.chart { width: 100%; position: relative; }
#chart-candles { height: 420px; }
#chart-equity { height: 200px; }
#chart-drawdown { height: 170px; }
#chart-legend { font: 12px ui-monospace, SFMono-Regular, Menlo, monospace; color: #334155; min-height: 18px; white-space: pre; overflow-x: auto; }
.note { color: var(--muted); font-size: 12px; margin: 6px 0; }
.key i { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin: 0 4px 0 12px; vertical-align: -1px; }
.table-wrap { overflow-x: auto; max-height: 640px; overflow-y: auto; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { position: sticky; top: 0; background: #f1f5f9; font-weight: 600; font-size: 12px; }
td.num, th.num { text-align: right; }
td.wrap { white-space: normal; word-break: break-word; }
tr.gap td { text-align: center; color: var(--muted); font-style: italic; background: var(--bg); }
.pos { color: var(--up); } .neg { color: var(--down); } .null { color: var(--muted); }
.metrics { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 0 24px; }
footer { color: var(--muted); font-size: 12px; text-align: center; margin: 24px 0; }
`;
