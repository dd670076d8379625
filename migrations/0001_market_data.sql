-- Market data: OHLCV bars, one row per instrument, timeframe and open time (epoch milliseconds).
-- Prices and volume are measurements, not money, so double precision is fine here; ledger money is NUMERIC.
CREATE TABLE bars (
  instrument_id text NOT NULL,
  timeframe text NOT NULL,
  ts_open bigint NOT NULL,
  open double precision NOT NULL,
  high double precision NOT NULL,
  low double precision NOT NULL,
  close double precision NOT NULL,
  volume double precision NOT NULL,
  CONSTRAINT bars_pkey PRIMARY KEY (instrument_id, timeframe, ts_open),
  CONSTRAINT bars_instrument_id_length CHECK (char_length(instrument_id) BETWEEN 1 AND 64),
  CONSTRAINT bars_timeframe_length CHECK (char_length(timeframe) BETWEEN 1 AND 16)
);
