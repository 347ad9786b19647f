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
    -- `warning` is a legacy value (before the verdict statuses): old rows keep it.
    status        VARCHAR NOT NULL CHECK (status IN ('ok', 'review', 'not-a-plan', 'failed', 'warning')),
    error_message VARCHAR,
    status_reason VARCHAR,
    score         DOUBLE
);
-- Warehouses made before the verdict get the columns here (their CHECK is rebuilt by load.py).
ALTER TABLE sources ADD COLUMN IF NOT EXISTS status_reason VARCHAR;
ALTER TABLE sources ADD COLUMN IF NOT EXISTS score DOUBLE;
-- Which file (path) and which reading of it (settings): a re-read replaces the rows of its path.
ALTER TABLE sources ADD COLUMN IF NOT EXISTS path VARCHAR;
ALTER TABLE sources ADD COLUMN IF NOT EXISTS settings_sha256 VARCHAR;

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
-- Where the organisation was read and the document's own date (normalize.schema.PlanModel), which
-- orders the versions (a DATE, for analysts' date arithmetic).
ALTER TABLE plans ADD COLUMN IF NOT EXISTS organization_source VARCHAR;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS version_date DATE;
ALTER TABLE plans ADD COLUMN IF NOT EXISTS version_date_source VARCHAR;

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
    confidence            DOUBLE NOT NULL DEFAULT 1.0 CHECK (confidence BETWEEN 0 AND 1),
    search_text           VARCHAR
);
-- Warehouses made before search_text existed get it here (and its values at the next ingest).
ALTER TABLE actions ADD COLUMN IF NOT EXISTS search_text VARCHAR;

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
-- Failures are grouped by kind (`core/findings.py`); anomalies carry their French message
-- for the association's exports.
ALTER TABLE sources ADD COLUMN IF NOT EXISTS failure_kind VARCHAR;
ALTER TABLE anomalies ADD COLUMN IF NOT EXISTS message_fr VARCHAR;
ALTER TABLE actions ADD COLUMN IF NOT EXISTS health VARCHAR;
ALTER TABLE actions ADD COLUMN IF NOT EXISTS confidence DOUBLE DEFAULT 1.0;
-- Finer grains of the schedule (quarters, months): appended, so (year, semester) rows and the
-- queries on them stay as they were; NULL where the source gives only years or semesters.
ALTER TABLE action_schedule ADD COLUMN IF NOT EXISTS quarter TINYINT;
ALTER TABLE action_schedule ADD COLUMN IF NOT EXISTS month TINYINT;
ALTER TABLE actions ADD COLUMN IF NOT EXISTS start_quarter TINYINT;
ALTER TABLE actions ADD COLUMN IF NOT EXISTS start_month TINYINT;
ALTER TABLE actions ADD COLUMN IF NOT EXISTS end_quarter TINYINT;
ALTER TABLE actions ADD COLUMN IF NOT EXISTS end_month TINYINT;
-- One row per person or body named in a pilot or partners cell ("DG & Bureau" -> 2 rows).
-- cluster_key: nearest-neighbour clusters over the whole warehouse, redone where a load adds names.
CREATE TABLE IF NOT EXISTS action_people (
    action_id   BIGINT NOT NULL,
    role        VARCHAR NOT NULL CHECK (role IN ('pilot', 'partner')),
    position    INTEGER NOT NULL,
    name_raw    VARCHAR NOT NULL,
    name        VARCHAR NOT NULL,
    fingerprint VARCHAR NOT NULL,
    cluster_key VARCHAR NOT NULL
);

-- What set this warehouse up: the fingerprint of its schema (these statements, the views and the
-- models' column comments). An ingest whose schema has the same fingerprint skips the set-up.
CREATE TABLE IF NOT EXISTS warehouse_info (
    schema_sha256 VARCHAR NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);

-- The data dictionary (README, `make docs`) is read from these comments; the columns that
-- come from a pandera model get that model's description as their comment at load time
-- (warehouse/dictionary.py), so only warehouse-made columns are described here.
COMMENT ON TABLE sources IS 'one row per file ingested (or that failed)';
COMMENT ON COLUMN sources.source_id IS 'primary key';
COMMENT ON COLUMN sources.file_name IS 'file name, without its directory';
COMMENT ON COLUMN sources.sha256 IS 'sha256 of the bytes; identifies an unchanged file';
COMMENT ON COLUMN sources.format IS 'format detected from the bytes (`xlsx`, …; `unknown` when not recognised)';
COMMENT ON COLUMN sources.size_bytes IS 'file size';
COMMENT ON COLUMN sources.ingested_at IS 'when it was loaded, UTC';
COMMENT ON COLUMN sources.status IS '`ok` (a plan read cleanly), `review` (a plan read with doubts: see `status_reason`), `not-a-plan` (no plan in it: no plan row, no action), `failed` (could not be read: see `error_message`); `warning` only in rows loaded before these statuses existed';
COMMENT ON COLUMN sources.error_message IS 'why the file failed; NULL otherwise';
COMMENT ON COLUMN sources.failure_kind IS 'why the file failed, as a kind to group by (`limit-exceeded`, `unsupported-format`, `unreadable`, `timeout`, `worker-crash`, …: README, Anomaly kinds); NULL unless `failed`';
COMMENT ON COLUMN sources.status_reason IS 'why the file is `review` or `not-a-plan`, one reason per line (finding kind, count, first message); NULL when `ok` or `failed`';
COMMENT ON COLUMN sources.path IS 'the file''s absolute path when it was read (same name in the same folder = the same file); NULL in rows loaded before it was kept';
COMMENT ON COLUMN sources.settings_sha256 IS 'sha256 of what the user said about the file (its `.plan.toml` sidecar, the ingest''s metadata flags); NULL when nothing. Same bytes and same settings = `unchanged`';
COMMENT ON COLUMN sources.score IS 'how well the reading explains the document, 0-1: mean action confidence × actions / (actions + doubtful anomalies); 0 for `not-a-plan`, NULL when `failed`';
COMMENT ON TABLE plans IS 'one row per plan version';
COMMENT ON COLUMN plans.plan_id IS 'primary key';
COMMENT ON COLUMN plans.source_id IS 'the file this version comes from (`sources.source_id`)';
COMMENT ON COLUMN plans.is_current IS 'true for the version of its `plan_key` with the latest `version_date` (ties, and NULL dates: the later ingested)';
COMMENT ON TABLE actions IS 'one row per distinct action of a plan version';
COMMENT ON COLUMN actions.action_id IS 'primary key';
COMMENT ON COLUMN actions.plan_id IS 'plan version (`plans.plan_id`)';
COMMENT ON COLUMN actions.search_text IS 'label, axis, objectives, indicator, pilot and partners in lower case without accents (`strip_accents(lower(...))`), for fast `LIKE ''%benevol%''` searches';
COMMENT ON COLUMN actions.parent_action_id IS 'parent action when the source nests actions; NULL otherwise';
COMMENT ON TABLE axes IS 'what a plan says about an axis besides its actions';
COMMENT ON COLUMN axes.plan_id IS 'the plan version (`plans.plan_id`)';
COMMENT ON TABLE action_schedule IS 'one row per period in which an action is planned, at the grain the source gives (a month also fills its quarter and semester)';
COMMENT ON COLUMN action_schedule.action_id IS 'the action (`actions.action_id`)';
COMMENT ON TABLE anomalies IS 'what was repaired, skipped or doubtful';
COMMENT ON COLUMN anomalies.source_id IS 'the file (`sources.source_id`)';
COMMENT ON COLUMN anomalies.action_id IS 'the action concerned; NULL when it concerns no single action';
COMMENT ON TABLE action_people IS 'one row per person or body named in a pilot or partners cell';
COMMENT ON COLUMN action_people.action_id IS 'the action (`actions.action_id`)';
COMMENT ON COLUMN action_people.cluster_key IS 'the fingerprint chosen for the cluster of spelling variants (nearest neighbour over the whole warehouse; may change when plans are added)';
COMMENT ON TABLE warehouse_info IS 'one row: the fingerprint of the schema this warehouse was last set up with (an ingest with the same schema skips setting it up again)';
COMMENT ON COLUMN warehouse_info.schema_sha256 IS 'sha256 of the schema statements, the views and the column comments';
COMMENT ON COLUMN warehouse_info.updated_at IS 'when the schema was last set up, UTC';
