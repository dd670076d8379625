-- Risk: limits per account (or per strategy of an account), risk events (trading-state changes of the
-- kill switch, rejected orders, limit breaches) and metric snapshots (VaR, CVaR, drawdown).

-- One set of limits per scope: the account (strategy_id NULL) or one strategy of it. An absent limit is NULL.
CREATE TABLE risk_limits (
  account_id text NOT NULL,
  strategy_id text,
  max_order_notional numeric,
  max_position_notional numeric,
  max_open_orders integer,
  max_drawdown_pct double precision,
  max_daily_loss_pct double precision,
  market_buy_buffer numeric,
  updated_ms bigint NOT NULL,
  CONSTRAINT risk_limits_scope UNIQUE NULLS NOT DISTINCT (account_id, strategy_id),
  CONSTRAINT risk_limits_account_id_format CHECK (account_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
  CONSTRAINT risk_limits_strategy_id_length CHECK (char_length(strategy_id) BETWEEN 1 AND 128),
  CONSTRAINT risk_limits_notionals CHECK (max_order_notional > 0 AND max_position_notional > 0 AND market_buy_buffer >= 0),
  CONSTRAINT risk_limits_open_orders CHECK (max_open_orders >= 0),
  CONSTRAINT risk_limits_pcts CHECK (max_drawdown_pct BETWEEN 0 AND 100 AND max_daily_loss_pct BETWEEN 0 AND 100),
  CONSTRAINT risk_limits_updated CHECK (updated_ms >= 0)
);

-- Insert-only. The columns a type uses are required by risk_events_shape.
CREATE TABLE risk_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL,
  strategy_id text,
  ts_ms bigint NOT NULL,
  type text NOT NULL,
  from_state text,
  to_state text,
  client_order_id text,
  source text,
  code text,
  limit_name text,
  observed numeric,
  threshold numeric,
  reason text NOT NULL,
  CONSTRAINT risk_events_account_id_format CHECK (account_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
  CONSTRAINT risk_events_strategy_id_length CHECK (char_length(strategy_id) BETWEEN 1 AND 128),
  CONSTRAINT risk_events_ts CHECK (ts_ms >= 0),
  CONSTRAINT risk_events_type CHECK (type IN ('TRADING_STATE_CHANGED', 'ORDER_REJECTED', 'LIMIT_BREACHED')),
  CONSTRAINT risk_events_states CHECK (from_state IN ('ACTIVE', 'REDUCING', 'HALTED') AND to_state IN ('ACTIVE', 'REDUCING', 'HALTED')),
  CONSTRAINT risk_events_source CHECK (source IN ('VALIDATION', 'RISK', 'VENUE')),
  CONSTRAINT risk_events_lengths CHECK (
    char_length(client_order_id) BETWEEN 1 AND 36 AND char_length(code) BETWEEN 1 AND 128
    AND char_length(limit_name) BETWEEN 1 AND 128 AND char_length(reason) <= 4096
  ),
  CONSTRAINT risk_events_shape CHECK (CASE type
    WHEN 'TRADING_STATE_CHANGED' THEN from_state IS NOT NULL AND to_state IS NOT NULL
    WHEN 'ORDER_REJECTED' THEN client_order_id IS NOT NULL AND source IS NOT NULL AND code IS NOT NULL
    WHEN 'LIMIT_BREACHED' THEN limit_name IS NOT NULL AND observed IS NOT NULL AND threshold IS NOT NULL
  END)
);
CREATE INDEX risk_events_by_time ON risk_events (account_id, ts_ms);

-- Risk statistics at a moment. VaR and CVaR are positive loss percentages of equity at `confidence`
-- (statistics, so floats); equity is money (NUMERIC).
CREATE TABLE risk_metrics (
  account_id text NOT NULL,
  ts_ms bigint NOT NULL,
  confidence double precision NOT NULL,
  var_pct double precision,
  cvar_pct double precision,
  drawdown_pct double precision NOT NULL,
  equity numeric,
  CONSTRAINT risk_metrics_pkey PRIMARY KEY (account_id, ts_ms),
  CONSTRAINT risk_metrics_account_id_format CHECK (account_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
  CONSTRAINT risk_metrics_confidence CHECK (confidence > 0 AND confidence < 1),
  CONSTRAINT risk_metrics_drawdown CHECK (drawdown_pct BETWEEN 0 AND 100),
  CONSTRAINT risk_metrics_ts CHECK (ts_ms >= 0)
);
