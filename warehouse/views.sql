-- Views for analysts, created with the schema (CREATE OR REPLACE: always the current
-- definition). A view column without a COMMENT below is copied from a table and keeps
-- that table's meaning (the data dictionary says which).

-- Actions of the current version of every plan, with their plan and an effective period.
CREATE OR REPLACE VIEW current_actions AS
SELECT
    p.plan_id, p.plan_key, p.organization, p.title, p.plan_kind, p.period_start, p.period_end, p.version_label,
    a.action_id, a.action_key, a.action_code, a.label, a.axis, a.strategic_objective, a.operational_objective,
    a.parent_action_id, a.pilot, a.partners, a.indicator, a.status, a.progress_pct, a.health, a.confidence,
    a.start_year, a.start_semester, a.end_year, a.end_semester,
    coalesce(a.start_year, p.period_start) AS effective_start_year,
    CASE WHEN a.start_year IS NOT NULL THEN coalesce(a.start_semester, 1)
         WHEN p.period_start IS NOT NULL THEN 1 END::TINYINT AS effective_start_semester,
    coalesce(a.end_year, p.period_end) AS effective_end_year,
    CASE WHEN a.end_year IS NOT NULL THEN coalesce(a.end_semester, 2)
         WHEN p.period_end IS NOT NULL THEN 2 END::TINYINT AS effective_end_semester,
    CASE WHEN a.start_year IS NOT NULL THEN 'schedule'
         WHEN p.period_start IS NOT NULL THEN 'plan_period' END AS effective_from,
    a.source_location, s.file_name, a.search_text,
    a.start_quarter, a.start_month, a.end_quarter, a.end_month
FROM actions a
JOIN plans p ON p.plan_id = a.plan_id
JOIN sources s ON s.source_id = p.source_id
WHERE p.is_current;

-- The schedule, one row per action and semester. A year-only row ("2024") is expanded
-- to both semesters and flagged year_only, so "what is planned in 2024-S2" is one filter.
CREATE OR REPLACE VIEW schedule_semesters AS
WITH expanded AS (
    SELECT action_id, year,
           unnest(CASE WHEN semester IS NULL THEN [1, 2] ELSE [semester] END)::TINYINT AS semester,
           semester IS NULL AS year_only
    FROM action_schedule
)
SELECT e.action_id, a.plan_id, p.is_current, e.year, e.semester,
       e.year || '-S' || e.semester AS period,
       bool_and(e.year_only) AS year_only
FROM expanded e
JOIN actions a ON a.action_id = e.action_id
JOIN plans p ON p.plan_id = a.plan_id
GROUP BY e.action_id, a.plan_id, p.is_current, e.year, e.semester;

-- The months of the schedule, for grids of months or quarters: a month row as it is, a
-- quarter row expanded to its three months (flagged quarter_only). Year and semester rows
-- are not expanded (that would invent months): schedule_semesters reads those.
CREATE OR REPLACE VIEW schedule_months AS
WITH expanded AS (
    SELECT action_id, year,
           unnest(CASE WHEN month IS NOT NULL THEN [month]
                       ELSE [quarter * 3 - 2, quarter * 3 - 1, quarter * 3] END)::TINYINT AS month,
           month IS NULL AS quarter_only
    FROM action_schedule
    WHERE month IS NOT NULL OR quarter IS NOT NULL
)
SELECT e.action_id, a.plan_id, p.is_current, e.year,
       ((e.month - 1) // 3 + 1)::TINYINT AS quarter, e.month,
       e.year || '-' || lpad(e.month::VARCHAR, 2, '0') AS period,
       bool_and(e.quarter_only) AS quarter_only
FROM expanded e
JOIN actions a ON a.action_id = e.action_id
JOIN plans p ON p.plan_id = a.plan_id
GROUP BY e.action_id, a.plan_id, p.is_current, e.year, e.month;

-- One row per plan version: its actions by axis and status, how complete they are, its anomalies.
CREATE OR REPLACE VIEW plan_summary AS
WITH scheduled AS (
    SELECT DISTINCT action_id FROM action_schedule
),
stats AS (
    SELECT a.plan_id,
           count(*) AS actions,
           count(DISTINCT a.axis) AS axes,
           count(*) FILTER (WHERE a.status = 'planned') AS planned,
           count(*) FILTER (WHERE a.status = 'in_progress') AS in_progress,
           count(*) FILTER (WHERE a.status = 'done') AS done,
           count(*) FILTER (WHERE a.status = 'abandoned') AS abandoned,
           count(*) FILTER (WHERE a.status IS NULL) AS without_status,
           round(100 * avg((a.pilot IS NOT NULL)::INTEGER), 1) AS pct_with_pilot,
           round(100 * avg((a.indicator IS NOT NULL)::INTEGER), 1) AS pct_with_indicator,
           round(100 * avg((sc.action_id IS NOT NULL)::INTEGER), 1) AS pct_with_schedule
    FROM actions a
    LEFT JOIN scheduled sc ON sc.action_id = a.action_id
    GROUP BY a.plan_id
),
axis_counts AS (
    SELECT plan_id, axis, count(*) AS actions, min(action_id) AS first_action
    FROM actions
    GROUP BY plan_id, axis
),
by_axis AS (
    SELECT plan_id, list({'axis': axis, 'actions': actions} ORDER BY first_action) AS actions_by_axis
    FROM axis_counts
    GROUP BY plan_id
),
anomaly_counts AS (
    SELECT source_id, count(*) AS anomalies FROM anomalies GROUP BY source_id
)
SELECT p.plan_id, p.plan_key, p.organization, p.title, p.version_label, p.is_current, s.file_name,
       coalesce(st.actions, 0) AS actions,
       coalesce(st.axes, 0) AS axes,
       b.actions_by_axis,
       coalesce(st.planned, 0) AS planned,
       coalesce(st.in_progress, 0) AS in_progress,
       coalesce(st.done, 0) AS done,
       coalesce(st.abandoned, 0) AS abandoned,
       coalesce(st.without_status, 0) AS without_status,
       st.pct_with_pilot, st.pct_with_indicator, st.pct_with_schedule,
       coalesce(ac.anomalies, 0) AS anomalies
FROM plans p
JOIN sources s ON s.source_id = p.source_id
LEFT JOIN stats st ON st.plan_id = p.plan_id
LEFT JOIN by_axis b ON b.plan_id = p.plan_id
LEFT JOIN anomaly_counts ac ON ac.source_id = p.source_id;

-- Load per person or body (cluster of spelling variants) within each organisation,
-- across the current versions of its plans. "DG" of two organisations are two rows.
CREATE OR REPLACE VIEW pilot_load AS
WITH named AS (
    SELECT p.organization, ap.cluster_key, ap.name, ap.role, ap.action_id, a.plan_id
    FROM action_people ap
    JOIN actions a ON a.action_id = ap.action_id
    JOIN plans p ON p.plan_id = a.plan_id
    WHERE p.is_current
),
spellings AS (
    SELECT organization, cluster_key, name, count(*) AS uses FROM named GROUP BY ALL
),
semesters AS (
    SELECT n.organization, n.cluster_key, count(*) AS pilot_semesters
    FROM (SELECT DISTINCT organization, cluster_key, action_id FROM named WHERE role = 'pilot') n
    JOIN schedule_semesters ss ON ss.action_id = n.action_id
    GROUP BY ALL
)
SELECT n.organization, n.cluster_key,
       (SELECT first(sp.name ORDER BY sp.uses DESC, sp.name) FROM spellings sp
        WHERE sp.organization IS NOT DISTINCT FROM n.organization AND sp.cluster_key = n.cluster_key) AS name,
       list(DISTINCT n.name ORDER BY n.name) AS variants,
       count(DISTINCT n.action_id) FILTER (WHERE n.role = 'pilot') AS actions_as_pilot,
       count(DISTINCT n.action_id) FILTER (WHERE n.role = 'partner') AS actions_as_partner,
       count(DISTINCT n.plan_id) AS plans,
       coalesce(any_value(se.pilot_semesters), 0) AS pilot_semesters
FROM named n
LEFT JOIN semesters se ON se.organization IS NOT DISTINCT FROM n.organization AND se.cluster_key = n.cluster_key
GROUP BY n.organization, n.cluster_key;

-- Anomalies with the file, the plan and the action they concern.
CREATE OR REPLACE VIEW anomalies_located AS
SELECT s.file_name, an.location, an.kind, an.message,
       a.action_code, a.label AS action_label,
       p.plan_id, p.plan_key, p.organization, p.is_current,
       an.source_id, an.action_id, s.ingested_at
FROM anomalies an
JOIN sources s ON s.source_id = an.source_id
LEFT JOIN plans p ON p.source_id = an.source_id
LEFT JOIN actions a ON a.action_id = an.action_id;

COMMENT ON VIEW current_actions IS 'the actions of the current version of every plan, with their plan, file and effective period';
COMMENT ON COLUMN current_actions.effective_start_year IS 'start_year, else the first year of the plan period';
COMMENT ON COLUMN current_actions.effective_start_semester IS 'start_semester; 1 when only a year is known (schedule or plan period)';
COMMENT ON COLUMN current_actions.effective_end_year IS 'end_year, else the last year of the plan period';
COMMENT ON COLUMN current_actions.effective_end_semester IS 'end_semester; 2 when only a year is known (schedule or plan period)';
COMMENT ON COLUMN current_actions.effective_from IS '`schedule` (the action''s own schedule), `plan_period` (fallback) or NULL (neither)';
COMMENT ON VIEW schedule_semesters IS 'the schedule as one row per action and semester; a year-only period counts in both semesters';
COMMENT ON COLUMN schedule_semesters.plan_id IS 'plan version of the action';
COMMENT ON VIEW schedule_months IS 'the schedule as one row per action and month, where the source gives months or quarters; a quarter counts in its three months';
COMMENT ON COLUMN schedule_months.plan_id IS 'plan version of the action';
COMMENT ON COLUMN schedule_months.quarter IS 'the quarter of the month, 1–4';
COMMENT ON COLUMN schedule_months.month IS '1–12 (never NULL here)';
COMMENT ON COLUMN schedule_months.period IS 'the month as text, `YYYY-MM`';
COMMENT ON COLUMN schedule_months.quarter_only IS 'true when the source gave only the quarter (expanded to its three months)';
COMMENT ON COLUMN schedule_semesters.semester IS '1 or 2 (never NULL here)';
COMMENT ON COLUMN schedule_semesters.period IS 'the semester as text, `YYYY-Sn`';
COMMENT ON COLUMN schedule_semesters.year_only IS 'true when the source gave only the year (expanded to S1 and S2)';
COMMENT ON VIEW plan_summary IS 'one row per plan version: actions by axis and status, completeness, anomalies';
COMMENT ON COLUMN plan_summary.actions IS 'number of actions';
COMMENT ON COLUMN plan_summary.axes IS 'number of distinct axes (NULL axis not counted)';
COMMENT ON COLUMN plan_summary.actions_by_axis IS 'list of {axis, actions}, in the order of the plan';
COMMENT ON COLUMN plan_summary.planned IS 'actions with status `planned`';
COMMENT ON COLUMN plan_summary.in_progress IS 'actions with status `in_progress`';
COMMENT ON COLUMN plan_summary.done IS 'actions with status `done`';
COMMENT ON COLUMN plan_summary.abandoned IS 'actions with status `abandoned`';
COMMENT ON COLUMN plan_summary.without_status IS 'actions whose status is unknown (NULL)';
COMMENT ON COLUMN plan_summary.pct_with_pilot IS 'share of actions with a pilot, percent';
COMMENT ON COLUMN plan_summary.pct_with_indicator IS 'share of actions with an indicator, percent';
COMMENT ON COLUMN plan_summary.pct_with_schedule IS 'share of actions with at least one planned period, percent';
COMMENT ON COLUMN plan_summary.anomalies IS 'anomalies of the plan''s file';
COMMENT ON VIEW pilot_load IS 'load per person or body (cluster of spellings) within an organisation, over its current plans';
COMMENT ON COLUMN pilot_load.name IS 'the most used spelling in the cluster';
COMMENT ON COLUMN pilot_load.variants IS 'every spelling of the cluster';
COMMENT ON COLUMN pilot_load.actions_as_pilot IS 'actions it leads (alone or with others)';
COMMENT ON COLUMN pilot_load.actions_as_partner IS 'actions it takes part in';
COMMENT ON COLUMN pilot_load.plans IS 'current plans in which it is named';
COMMENT ON COLUMN pilot_load.pilot_semesters IS 'sum over the actions it leads of their planned semesters (schedule_semesters)';
COMMENT ON VIEW anomalies_located IS 'anomalies with their file, location, plan and action';
COMMENT ON COLUMN anomalies_located.action_label IS 'label of the action concerned';
