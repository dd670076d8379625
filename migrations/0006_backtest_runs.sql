-- Stored backtests (`atb backtest --save`, `atb runs list|show`): the run's configuration and results,
-- and its closed trades as rows with exact money. The report's JSON parts (parameters, settings,
-- metrics, open positions, rejections, ...) are `json`, not jsonb: json keeps the text as written, key
-- order included, so a stored run prints exactly as the backtest did; they are read whole, and the
-- operators a listing needs (->>) work on json too.

CREATE TABLE backtest_runs (
  run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  created_ms bigint NOT NULL,
  strategy_name text NOT NULL,
  params json NOT NULL,
  instrument_id text NOT NULL,
  timeframe text NOT NULL,
  settings json NOT NULL,
  period_from text,
  period_to text,
  bars bigint NOT NULL,
  closed_trades integer NOT NULL,
  open_trades integer NOT NULL,
  starting_equity numeric NOT NULL,
  final_equity numeric NOT NULL,
  currency text NOT NULL,
  metrics json NOT NULL,
  metric_notes json NOT NULL,
  orders json NOT NULL,
  trading_state json NOT NULL,
  open_positions json NOT NULL,
  rejections json NOT NULL,
  CONSTRAINT backtest_runs_strategy_name_length CHECK (char_length(strategy_name) BETWEEN 1 AND 128),
  CONSTRAINT backtest_runs_instrument_id_length CHECK (char_length(instrument_id) BETWEEN 1 AND 64),
  CONSTRAINT backtest_runs_timeframe_length CHECK (char_length(timeframe) BETWEEN 1 AND 16),
  CONSTRAINT backtest_runs_period_length CHECK (char_length(period_from) <= 64 AND char_length(period_to) <= 64),
  CONSTRAINT backtest_runs_currency_format CHECK (currency ~ '^[A-Z0-9]{1,20}$'),
  CONSTRAINT backtest_runs_counts CHECK (bars >= 0 AND closed_trades >= 0 AND open_trades >= 0),
  CONSTRAINT backtest_runs_created CHECK (created_ms >= 0)
);
CREATE INDEX backtest_runs_by_strategy ON backtest_runs (strategy_name, created_ms);

-- The closed round trips of a run, in report order (seq from 0).
CREATE TABLE backtest_trades (
  run_id bigint NOT NULL REFERENCES backtest_runs (run_id) ON DELETE CASCADE,
  seq integer NOT NULL,
  instrument_id text NOT NULL,
  side text NOT NULL,
  quantity numeric NOT NULL,
  entry_ms bigint NOT NULL,
  exit_ms bigint NOT NULL,
  entry_price numeric NOT NULL,
  exit_price numeric NOT NULL,
  pnl numeric NOT NULL,
  fees numeric NOT NULL,
  net_pnl numeric NOT NULL,
  return_pct double precision NOT NULL,
  CONSTRAINT backtest_trades_pkey PRIMARY KEY (run_id, seq),
  CONSTRAINT backtest_trades_seq CHECK (seq >= 0),
  CONSTRAINT backtest_trades_instrument_id_length CHECK (char_length(instrument_id) BETWEEN 1 AND 64),
  CONSTRAINT backtest_trades_side CHECK (side IN ('LONG', 'SHORT')),
  CONSTRAINT backtest_trades_quantity CHECK (quantity > 0),
  CONSTRAINT backtest_trades_prices CHECK (entry_price > 0 AND exit_price > 0),
  CONSTRAINT backtest_trades_times CHECK (entry_ms >= 0 AND exit_ms >= entry_ms)
);
