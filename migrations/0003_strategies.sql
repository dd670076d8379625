-- Strategies: definitions, versioned parameter sets, persisted state and run history.
-- Names are free text (1 to 128 characters), stored literally.

CREATE TABLE strategies (
  name text PRIMARY KEY,
  kind text NOT NULL,
  description text NOT NULL,
  created_ms bigint NOT NULL,
  updated_ms bigint NOT NULL,
  CONSTRAINT strategies_name_length CHECK (char_length(name) BETWEEN 1 AND 128),
  CONSTRAINT strategies_kind_length CHECK (char_length(kind) BETWEEN 1 AND 128),
  CONSTRAINT strategies_description_length CHECK (char_length(description) <= 4096),
  CONSTRAINT strategies_times CHECK (created_ms >= 0 AND updated_ms >= created_ms)
);

-- A new parameter set is a new version (1, 2, ...); older versions are kept, never changed.
CREATE TABLE strategy_params (
  strategy_name text NOT NULL REFERENCES strategies (name),
  version integer NOT NULL,
  params jsonb NOT NULL,
  created_ms bigint NOT NULL,
  CONSTRAINT strategy_params_pkey PRIMARY KEY (strategy_name, version),
  CONSTRAINT strategy_params_version CHECK (version >= 1),
  CONSTRAINT strategy_params_object CHECK (jsonb_typeof(params) = 'object'),
  CONSTRAINT strategy_params_created CHECK (created_ms >= 0)
);

-- The state a strategy saved, with a version for optimistic concurrency (a save names the version it replaces).
CREATE TABLE strategy_state (
  strategy_name text PRIMARY KEY REFERENCES strategies (name),
  version integer NOT NULL,
  state jsonb NOT NULL,
  updated_ms bigint NOT NULL,
  CONSTRAINT strategy_state_version CHECK (version >= 1),
  CONSTRAINT strategy_state_object CHECK (jsonb_typeof(state) = 'object'),
  CONSTRAINT strategy_state_updated CHECK (updated_ms >= 0)
);

CREATE TABLE strategy_runs (
  run_id text PRIMARY KEY,
  strategy_name text NOT NULL REFERENCES strategies (name),
  mode text NOT NULL,
  params_version integer,
  status text NOT NULL,
  started_ms bigint NOT NULL,
  ended_ms bigint,
  summary jsonb,
  CONSTRAINT strategy_runs_run_id_length CHECK (char_length(run_id) BETWEEN 1 AND 128),
  CONSTRAINT strategy_runs_mode CHECK (mode IN ('backtest', 'paper', 'live')),
  CONSTRAINT strategy_runs_params FOREIGN KEY (strategy_name, params_version) REFERENCES strategy_params (strategy_name, version),
  CONSTRAINT strategy_runs_status CHECK (status IN ('RUNNING', 'COMPLETED', 'FAILED', 'STOPPED')),
  CONSTRAINT strategy_runs_ended CHECK ((ended_ms IS NULL) = (status = 'RUNNING') AND (ended_ms IS NULL OR ended_ms >= started_ms)),
  CONSTRAINT strategy_runs_started CHECK (started_ms >= 0)
);
CREATE INDEX strategy_runs_by_strategy ON strategy_runs (strategy_name, started_ms);
