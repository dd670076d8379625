-- Machine learning: models (immutable once saved: a change is a new version), training runs and predictions.

CREATE TABLE ml_models (
  name text NOT NULL,
  version integer NOT NULL,
  parameters jsonb NOT NULL,
  metrics jsonb NOT NULL,
  feature_schema jsonb NOT NULL,
  artifact bytea NOT NULL,
  created_ms bigint NOT NULL,
  CONSTRAINT ml_models_pkey PRIMARY KEY (name, version),
  CONSTRAINT ml_models_name_length CHECK (char_length(name) BETWEEN 1 AND 128),
  CONSTRAINT ml_models_version CHECK (version >= 1),
  CONSTRAINT ml_models_artifact_size CHECK (octet_length(artifact) <= 67108864),
  CONSTRAINT ml_models_created CHECK (created_ms >= 0)
);

CREATE TABLE ml_training_runs (
  run_id text PRIMARY KEY,
  model_name text NOT NULL,
  model_version integer,
  params jsonb NOT NULL,
  dataset jsonb NOT NULL,
  metrics jsonb,
  status text NOT NULL,
  started_ms bigint NOT NULL,
  ended_ms bigint,
  error text,
  CONSTRAINT ml_training_runs_run_id_length CHECK (char_length(run_id) BETWEEN 1 AND 128),
  CONSTRAINT ml_training_runs_model_name_length CHECK (char_length(model_name) BETWEEN 1 AND 128),
  -- The model a run produced, once it has.
  CONSTRAINT ml_training_runs_model FOREIGN KEY (model_name, model_version) REFERENCES ml_models (name, version),
  CONSTRAINT ml_training_runs_status CHECK (status IN ('RUNNING', 'SUCCEEDED', 'FAILED')),
  CONSTRAINT ml_training_runs_ended CHECK ((ended_ms IS NULL) = (status = 'RUNNING') AND (ended_ms IS NULL OR ended_ms >= started_ms)),
  CONSTRAINT ml_training_runs_error_length CHECK (char_length(error) <= 4096),
  CONSTRAINT ml_training_runs_started CHECK (started_ms >= 0)
);
CREATE INDEX ml_training_runs_by_model ON ml_training_runs (model_name, started_ms);

-- One prediction per model version, instrument and moment: a value (regression), a label
-- (classification) or both, and a hash of the features it was made from.
CREATE TABLE ml_predictions (
  model_name text NOT NULL,
  model_version integer NOT NULL,
  instrument_id text NOT NULL,
  ts_ms bigint NOT NULL,
  value double precision,
  label text,
  features_hash text NOT NULL,
  CONSTRAINT ml_predictions_pkey PRIMARY KEY (model_name, model_version, instrument_id, ts_ms),
  CONSTRAINT ml_predictions_model FOREIGN KEY (model_name, model_version) REFERENCES ml_models (name, version),
  CONSTRAINT ml_predictions_instrument_id_length CHECK (char_length(instrument_id) BETWEEN 1 AND 64),
  CONSTRAINT ml_predictions_outcome CHECK (value IS NOT NULL OR label IS NOT NULL),
  CONSTRAINT ml_predictions_label_length CHECK (char_length(label) BETWEEN 1 AND 128),
  CONSTRAINT ml_predictions_features_hash_length CHECK (char_length(features_hash) BETWEEN 1 AND 128),
  CONSTRAINT ml_predictions_ts CHECK (ts_ms >= 0)
);
CREATE INDEX ml_predictions_by_instrument ON ml_predictions (model_name, instrument_id, ts_ms);
