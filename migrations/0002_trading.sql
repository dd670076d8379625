-- The trading ledger: orders, their fills, positions (current and snapshots), balances and the equity
-- curve. Money (prices, quantities, notionals, fees, balances, P&L) is NUMERIC without a declared scale,
-- so every exact decimal ATB computes is stored and read back digit for digit. Times are epoch
-- milliseconds (bigint), as everywhere in ATB. The limits checked here are also checked, with clearer
-- messages, before a statement is sent (src/adapters/postgres/storage-checks.ts).

-- One row per order: the immutable spec as columns, then the state that changes through Order.apply.
-- `version` is the number of events applied; an update names the version it replaces (optimistic concurrency).
CREATE TABLE orders (
  client_order_id text PRIMARY KEY,
  instrument_id text NOT NULL,
  strategy_id text,
  type text NOT NULL,
  side text NOT NULL,
  quantity numeric NOT NULL,
  price numeric,
  trigger_price numeric,
  trailing_offset_unit text,
  trailing_offset_amount numeric,
  activation_price numeric,
  time_in_force text NOT NULL,
  expire_at_ms bigint,
  post_only boolean NOT NULL,
  reduce_only boolean NOT NULL,
  status text NOT NULL,
  filled_quantity numeric NOT NULL,
  filled_notional numeric NOT NULL,
  trade_ids text[] NOT NULL,
  version integer NOT NULL,
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL,
  venue_order_id text,
  rejection_source text,
  rejection_code text,
  rejection_reason text,
  cancel_reason text,
  status_before_cancel text,
  CONSTRAINT orders_client_order_id_format CHECK (client_order_id ~ '^[A-Za-z0-9._-]{1,36}$'),
  CONSTRAINT orders_instrument_id_length CHECK (char_length(instrument_id) BETWEEN 1 AND 64),
  CONSTRAINT orders_strategy_id_length CHECK (char_length(strategy_id) BETWEEN 1 AND 128),
  CONSTRAINT orders_type CHECK (type IN ('MARKET', 'LIMIT', 'STOP_MARKET', 'STOP_LIMIT', 'TRAILING_STOP')),
  CONSTRAINT orders_side CHECK (side IN ('BUY', 'SELL')),
  CONSTRAINT orders_time_in_force CHECK (time_in_force IN ('GTC', 'IOC', 'FOK', 'GTD')),
  CONSTRAINT orders_quantity_positive CHECK (quantity > 0),
  -- Each type carries exactly the prices it needs.
  CONSTRAINT orders_price_by_type CHECK ((price IS NOT NULL) = (type IN ('LIMIT', 'STOP_LIMIT')) AND (price IS NULL OR price > 0)),
  CONSTRAINT orders_trigger_by_type CHECK ((trigger_price IS NOT NULL) = (type IN ('STOP_MARKET', 'STOP_LIMIT')) AND (trigger_price IS NULL OR trigger_price > 0)),
  CONSTRAINT orders_trailing_by_type CHECK (
    (trailing_offset_unit IS NOT NULL) = (type = 'TRAILING_STOP')
    AND (trailing_offset_amount IS NOT NULL) = (type = 'TRAILING_STOP')
    AND (trailing_offset_unit IS NULL OR trailing_offset_unit IN ('PRICE', 'BPS'))
    AND (trailing_offset_amount IS NULL OR trailing_offset_amount > 0)
  ),
  CONSTRAINT orders_activation_by_type CHECK (activation_price IS NULL OR (type = 'TRAILING_STOP' AND activation_price > 0)),
  CONSTRAINT orders_expiry_gtd CHECK ((expire_at_ms IS NOT NULL) = (time_in_force = 'GTD') AND (expire_at_ms IS NULL OR expire_at_ms >= 0)),
  CONSTRAINT orders_status CHECK (status IN ('INITIALIZED', 'SUBMITTED', 'ACCEPTED', 'TRIGGERED', 'PARTIALLY_FILLED', 'FILLED',
                                             'PENDING_CANCEL', 'CANCELED', 'REJECTED', 'EXPIRED')),
  CONSTRAINT orders_status_before_cancel CHECK (status_before_cancel IS NULL OR status_before_cancel IN
    ('INITIALIZED', 'SUBMITTED', 'ACCEPTED', 'TRIGGERED', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'REJECTED', 'EXPIRED')),
  CONSTRAINT orders_filled_quantity CHECK (filled_quantity >= 0 AND filled_quantity <= quantity),
  CONSTRAINT orders_filled_notional CHECK (filled_notional >= 0),
  CONSTRAINT orders_version CHECK (version >= 0),
  CONSTRAINT orders_times CHECK (created_ms >= 0 AND updated_ms >= created_ms),
  CONSTRAINT orders_venue_order_id_length CHECK (char_length(venue_order_id) BETWEEN 1 AND 128),
  CONSTRAINT orders_rejection CHECK (
    (rejection_source IS NULL) = (rejection_code IS NULL) AND (rejection_code IS NULL) = (rejection_reason IS NULL)
    AND (rejection_source IS NULL OR rejection_source IN ('RISK', 'VENUE'))
    AND char_length(rejection_code) <= 128 AND char_length(rejection_reason) <= 4096
  ),
  CONSTRAINT orders_cancel_reason_length CHECK (char_length(cancel_reason) <= 4096)
);

-- Open orders (every status that is not terminal; INITIALIZED too: an intent to reconcile after a restart).
CREATE INDEX orders_open ON orders (instrument_id, created_ms)
  WHERE status IN ('INITIALIZED', 'SUBMITTED', 'ACCEPTED', 'TRIGGERED', 'PARTIALLY_FILLED', 'PENDING_CANCEL');
CREATE INDEX orders_strategy_created ON orders (strategy_id, created_ms) WHERE strategy_id IS NOT NULL;

-- One row per execution. The primary key (venue, trade_id) is what makes a fill reported twice stored
-- once; seq keeps the order in which fills were recorded (for fills of the same millisecond).
CREATE TABLE fills (
  seq bigint GENERATED ALWAYS AS IDENTITY,
  venue text NOT NULL,
  trade_id text NOT NULL,
  client_order_id text NOT NULL,
  venue_order_id text,
  instrument_id text NOT NULL,
  side text NOT NULL,
  price numeric NOT NULL,
  quantity numeric NOT NULL,
  fee_amount numeric NOT NULL,
  fee_currency text NOT NULL,
  liquidity text NOT NULL,
  ts_ms bigint NOT NULL,
  CONSTRAINT fills_pkey PRIMARY KEY (venue, trade_id),
  CONSTRAINT fills_order_fkey FOREIGN KEY (client_order_id) REFERENCES orders (client_order_id),
  CONSTRAINT fills_venue_format CHECK (venue ~ '^[!-~]{1,64}$'),
  CONSTRAINT fills_trade_id_format CHECK (trade_id ~ '^[!-~]{1,64}$'),
  CONSTRAINT fills_venue_order_id_length CHECK (char_length(venue_order_id) BETWEEN 1 AND 128),
  CONSTRAINT fills_instrument_id_length CHECK (char_length(instrument_id) BETWEEN 1 AND 64),
  CONSTRAINT fills_side CHECK (side IN ('BUY', 'SELL')),
  CONSTRAINT fills_price_positive CHECK (price > 0),
  CONSTRAINT fills_quantity_positive CHECK (quantity > 0),
  CONSTRAINT fills_fee_currency_format CHECK (fee_currency ~ '^[A-Z0-9]{1,20}$'),
  CONSTRAINT fills_liquidity CHECK (liquidity IN ('MAKER', 'TAKER')),
  CONSTRAINT fills_ts CHECK (ts_ms >= 0)
);
CREATE INDEX fills_order ON fills (client_order_id, ts_ms, seq);

-- The current netting position per account and instrument, replaced as fills arrive. Fees are kept per
-- currency in two parallel arrays (fee_currencies[i] was charged fee_amounts[i]).
CREATE TABLE positions (
  account_id text NOT NULL,
  instrument_id text NOT NULL,
  net_quantity numeric NOT NULL,
  cost_basis numeric NOT NULL,
  realized_pnl numeric NOT NULL,
  fee_currencies text[] NOT NULL,
  fee_amounts numeric[] NOT NULL,
  last_fill_ms bigint,
  updated_ms bigint NOT NULL,
  CONSTRAINT positions_pkey PRIMARY KEY (account_id, instrument_id),
  CONSTRAINT positions_account_id_format CHECK (account_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
  CONSTRAINT positions_instrument_id_length CHECK (char_length(instrument_id) BETWEEN 1 AND 64),
  CONSTRAINT positions_fees_parallel CHECK (cardinality(fee_currencies) = cardinality(fee_amounts)),
  CONSTRAINT positions_times CHECK (updated_ms >= 0 AND (last_fill_ms IS NULL OR last_fill_ms >= 0))
);

-- Positions over time, insert-only.
CREATE TABLE position_snapshots (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id text NOT NULL,
  instrument_id text NOT NULL,
  ts_ms bigint NOT NULL,
  net_quantity numeric NOT NULL,
  cost_basis numeric NOT NULL,
  realized_pnl numeric NOT NULL,
  fee_currencies text[] NOT NULL,
  fee_amounts numeric[] NOT NULL,
  last_fill_ms bigint,
  CONSTRAINT position_snapshots_account_id_format CHECK (account_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
  CONSTRAINT position_snapshots_instrument_id_length CHECK (char_length(instrument_id) BETWEEN 1 AND 64),
  CONSTRAINT position_snapshots_fees_parallel CHECK (cardinality(fee_currencies) = cardinality(fee_amounts)),
  CONSTRAINT position_snapshots_ts CHECK (ts_ms >= 0)
);
CREATE INDEX position_snapshots_by_time ON position_snapshots (account_id, instrument_id, ts_ms);

-- Funds per account and currency: free to use and locked by open orders.
CREATE TABLE balances (
  account_id text NOT NULL,
  currency text NOT NULL,
  free numeric NOT NULL,
  locked numeric NOT NULL,
  updated_ms bigint NOT NULL,
  CONSTRAINT balances_pkey PRIMARY KEY (account_id, currency),
  CONSTRAINT balances_account_id_format CHECK (account_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
  CONSTRAINT balances_currency_format CHECK (currency ~ '^[A-Z0-9]{1,20}$'),
  CONSTRAINT balances_locked CHECK (locked >= 0),
  CONSTRAINT balances_updated CHECK (updated_ms >= 0)
);

-- The equity curve: one point per account and moment, with the running peak and the drawdown from it.
CREATE TABLE equity_points (
  account_id text NOT NULL,
  ts_ms bigint NOT NULL,
  currency text NOT NULL,
  equity numeric NOT NULL,
  peak numeric NOT NULL,
  drawdown numeric NOT NULL,
  CONSTRAINT equity_points_pkey PRIMARY KEY (account_id, ts_ms),
  CONSTRAINT equity_points_account_id_format CHECK (account_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
  CONSTRAINT equity_points_currency_format CHECK (currency ~ '^[A-Z0-9]{1,20}$'),
  CONSTRAINT equity_points_ts CHECK (ts_ms >= 0)
);
