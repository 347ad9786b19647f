-- The warehouse schema: a public contract (analysts' SQL depends on these names).
-- Relations: plans.source_id -> sources, actions.plan_id -> plans,
-- actions.parent_action_id -> actions, action_schedule.action_id -> actions,
-- anomalies.source_id -> sources, anomalies.action_id -> actions.
-- They are not declared as FOREIGN KEYs because DuckDB refuses to UPDATE a row that
-- is referenced (plans.is_current changes when a new version arrives).

CREATE TABLE IF NOT EXISTS sources (
    source_id     BIGINT PRIMARY KEY,
    file_name     VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    format        VARCHAR NOT NULL,
    size_bytes    BIGINT NOT NULL,
    ingested_at   TIMESTAMP NOT NULL,            -- UTC
    status        VARCHAR NOT NULL CHECK (status IN ('ok', 'warning', 'failed')),
    error_message VARCHAR
);

CREATE TABLE IF NOT EXISTS plans (
    plan_id       BIGINT PRIMARY KEY,
    plan_key      VARCHAR NOT NULL,
    source_id     BIGINT NOT NULL,
    organization  VARCHAR,
    title         VARCHAR NOT NULL,
    plan_kind     VARCHAR,
    period_start  INTEGER,
    period_end    INTEGER,
    version_label VARCHAR,
    is_current    BOOLEAN NOT NULL
);

CREATE TABLE IF NOT EXISTS actions (
    action_id             BIGINT PRIMARY KEY,
    action_key            VARCHAR NOT NULL,
    plan_id               BIGINT NOT NULL,
    action_code           VARCHAR,
    label                 VARCHAR NOT NULL,
    axis                  VARCHAR,
    strategic_objective   VARCHAR,
    operational_objective VARCHAR,
    parent_action_id      BIGINT,
    pilot                 VARCHAR,
    partners              VARCHAR,
    indicator             VARCHAR,
    start_year            INTEGER,
    start_semester        TINYINT,
    end_year              INTEGER,
    end_semester          TINYINT,
    status                VARCHAR CHECK (status IN ('planned', 'in_progress', 'done', 'abandoned')),
    progress_pct          DOUBLE,
    source_location       VARCHAR NOT NULL,
    health                VARCHAR CHECK (health IN ('good', 'at_risk', 'blocked', 'paused')),
    confidence            DOUBLE NOT NULL DEFAULT 1.0 CHECK (confidence BETWEEN 0 AND 1)
);

CREATE TABLE IF NOT EXISTS axes (
    plan_id         BIGINT NOT NULL,
    axis            VARCHAR NOT NULL,
    description     VARCHAR NOT NULL,
    source_location VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS action_schedule (
    action_id BIGINT NOT NULL,
    year      INTEGER NOT NULL,
    semester  TINYINT CHECK (semester IN (1, 2))
);

CREATE TABLE IF NOT EXISTS anomalies (
    source_id BIGINT NOT NULL,
    action_id BIGINT,
    location  VARCHAR NOT NULL,
    kind      VARCHAR NOT NULL,
    message   VARCHAR NOT NULL
);

-- Warehouses created before a column existed gain it here (columns are only ever appended).
ALTER TABLE actions ADD COLUMN IF NOT EXISTS health VARCHAR;
ALTER TABLE actions ADD COLUMN IF NOT EXISTS confidence DOUBLE DEFAULT 1.0;
