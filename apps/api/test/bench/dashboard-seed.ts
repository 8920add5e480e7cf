/**
 * The benchmark's workspace, written with generate_series (one statement per table, no per-row round
 * trips): datasets, rules with their versions, runs spread over the last `days` days, and incidents.
 * Deterministic: the same arguments give the same rows. Ids are md5-derived UUIDs.
 */
export interface SeedSize {
  datasets: number;
  rules: number;
  runs: number;
  incidents: number;
  /** Runs and incidents are spread over this many days back from now. */
  days: number;
}

const TYPES = [
  'NOT_NULL',
  'UNIQUE',
  'IN_RANGE',
  'MATCHES',
  'ACCEPTED_VALUES',
  'FOREIGN_KEY',
  'ROW_COUNT',
  'FRESHNESS',
  'CUSTOM',
];
const arr = (xs: string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(', ')}]`;
/** A version-4-shaped UUID from md5 (the API's id checks want the version and variant digits). */
const uuid = (prefix: string, expr: string) => {
  const h = `md5('${prefix}' || (${expr}))`;
  return `(substr(${h}, 1, 8) || '-' || substr(${h}, 9, 4) || '-4' || substr(${h}, 14, 3) || '-8' || substr(${h}, 18, 3) || '-' || substr(${h}, 21, 12))`;
};

/** The id of the n-th (1-based) dataset, as seeded. */
export const seededDatasetIdSql = (n: number) => `SELECT ${uuid('ds', String(n))} AS id`;

export function seedStatements(s: SeedSize): { label: string; sql: string }[] {
  const datasetOf = (rule: string) => `((${rule} - 1) % ${s.datasets}) + 1`;
  const ruleOf = (g: string) => `(1 + (${g}) % ${s.rules})`;
  return [
    {
      label: `${s.datasets} datasets`,
      sql: `INSERT INTO datasets (id, name, name_key, description, source_type, sensitive, column_overrides,
              null_markers, csv_options, key_columns, created_at, updated_at)
            SELECT ${uuid('ds', 'g')}, 'dataset_' || lpad(g::text, 4, '0'), 'dataset_' || lpad(g::text, 4, '0'),
              NULL, 'csv', false, '{}', '[]', '{}', '[]', now() - interval '400 days', now()
            FROM generate_series(1, ${s.datasets}) g`,
    },
    {
      // 90% active, about 1% deleted: inactive and deleted rules must not count.
      label: `${s.rules} rules`,
      sql: `INSERT INTO rules (id, dataset_id, name, description, dsl, type, severity, active, schedule,
              owner_id, version, version_id, created_at, updated_at, deleted_at)
            SELECT ${uuid('rule', 'g')}, ${uuid('ds', datasetOf('g'))}, 'rule_' || g, NULL, 'ROW_COUNT(1, null)',
              (${arr(TYPES)})[1 + g % ${TYPES.length}], (ARRAY['LOW', 'MEDIUM', 'HIGH'])[1 + g % 3],
              g % 10 <> 0, NULL, NULL, 1, ${uuid('rv', 'g')}, now() - interval '400 days', now(),
              CASE WHEN g % 97 = 0 THEN now() ELSE NULL END
            FROM generate_series(1, ${s.rules}) g`,
    },
    {
      label: 'rule versions',
      sql: `INSERT INTO rule_versions (id, rule_id, version, name, description, dsl, type, severity, active,
              schedule, created_at, created_by)
            SELECT version_id, id, 1, name, description, dsl, type, severity, active, schedule, created_at, NULL
            FROM rules`,
    },
    {
      // Newest first; about 2% errors; each rule fails at its own rate (0–27%), failed runs pass 50–99%.
      label: `${s.runs} runs`,
      sql: `INSERT INTO rule_runs (id, rule_id, rule_version_id, dataset_id, dataset_version_id, status, trigger,
              trigger_key, run_key, batch_key, rows_checked, failed_count, pass_rate, verdict, error, attempts,
              queued_at, started_at, finished_at, duration_ms, plan, evidence_file, evidence_rows,
              evidence_pruned_at, outcome_handled_at, requested_by)
            SELECT ${uuid('run', 'g')}, ${uuid('rule', 'k')}, ${uuid('rv', 'k')}, ${uuid('ds', datasetOf('k'))}, NULL,
              st, 'schedule', 'bench:' || g, 'bench:' || g, 'bench:' || g,
              CASE WHEN st = 'error' THEN NULL ELSE 1000 END,
              CASE WHEN st = 'error' THEN NULL WHEN st = 'passed' THEN 0 ELSE 500 - (r % 500) END,
              CASE WHEN st = 'error' THEN NULL WHEN st = 'passed' THEN 1.0 ELSE 0.5 + (r % 500) / 1000.0 END,
              upper(st), CASE WHEN st = 'error' THEN 'bench error' ELSE NULL END, 1,
              q, q, q + interval '2 seconds', 2000, NULL, NULL, 0, NULL, q + interval '2 seconds', NULL
            FROM (
              SELECT g, k, r, q,
                CASE WHEN r < 20 THEN 'error' WHEN r < 20 + (k % 10) * 30 THEN 'failed' ELSE 'passed' END AS st
              FROM (
                SELECT g, ${ruleOf('g')} AS k, (g * 2654435761) % 1000 AS r,
                  now() - (g::double precision / ${s.runs}) * interval '${s.days} days' AS q
                FROM generate_series(1, ${s.runs}::bigint) g
              ) a
            ) b`,
    },
    {
      // One live incident per rule at most (a unique index): the newest few hundred are live, the rest resolved.
      label: `${s.incidents} incidents`,
      sql: `INSERT INTO incidents (id, rule_id, dataset_id, rule_name, severity, severity_rank, status, title,
              occurrences, opened_at, last_occurrence_at, resolved_at, resolution_reason, sla_breached_at,
              flapping, notify_seq, updated_at)
            SELECT ${uuid('inc', 'g')}, r.id, r.dataset_id, r.name, r.severity,
              CASE r.severity WHEN 'HIGH' THEN 3 WHEN 'MEDIUM' THEN 2 ELSE 1 END,
              CASE WHEN live THEN (ARRAY['OPEN', 'ACKNOWLEDGED', 'MUTED'])[1 + g % 3] ELSE 'RESOLVED' END,
              'Rule ' || r.name || ' failed', 1 + g % 5, o, o,
              CASE WHEN live THEN NULL ELSE o + interval '2 hours' END,
              CASE WHEN live THEN NULL ELSE 'fixed' END,
              CASE WHEN g % 5 = 0 THEN o + interval '1 hour' ELSE NULL END, false, 0, o
            FROM (
              SELECT g, 1 + (g * 7) % ${s.rules} AS k, g * 7 < ${s.rules} AS live,
                now() - (g::double precision / ${s.incidents}) * interval '${s.days} days' AS o
              FROM generate_series(1, ${s.incidents}) g
            ) i JOIN rules r ON r.id = ${uuid('rule', 'i.k')}`,
    },
  ];
}
