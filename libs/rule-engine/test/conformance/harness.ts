/**
 * Runs conformance groups on every back end: DuckDB reading the CSV file itself; SQLite, PostgreSQL and
 * MariaDB reading a table of TEXT columns loaded from DuckDB's parse of that file (plus a row-number
 * column, so samples carry row numbers); and the in-memory back end over the same parsed rows.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { RE2 } from 're2-wasm';
import { parseRule } from '../../src/lib/dsl/parse';
import { runInMemory, type InMemoryData } from '../../src/lib/executors/in-memory';
import { re2WasmEngine } from '../../src/lib/regex/engine';
import type { ColumnSchema, DatasetRef, RuleSetResult, RuleToRun, SqlDialect } from '../../src/lib/model';
import { SqlParams } from '../../src/lib/sql/params';
import { readCsvSql } from '../../src/lib/sql/csv';
import { duckdbDialect } from '../../src/lib/sql/dialects';
import { runRuleSet } from '../../src/lib/sql/run';
import {
  duckdbDatabase,
  mysqlDatabase,
  postgresDatabase,
  sqliteDatabase,
  type TestDatabase,
} from '../support/runners';
import { serviceAvailable, uniqueName } from '../support/services';
import type { CaseGroup, DataSpec, NormalizedResult } from './types';

export const ROW_COLUMN = '__row';

/** A dataset parsed once by DuckDB: header names and raw cells (NULL for empty unquoted fields). */
export interface ParsedData {
  spec: DataSpec;
  name: string;
  path: string;
  columns: string[];
  rows: (string | null)[][];
  schema: { columns: ColumnSchema[]; nullMarkers: string[]; keyColumns?: string[] };
}

export interface Backend {
  name: string;
  run(group: PreparedGroup): Promise<RuleSetResult>;
  close(): Promise<void>;
}

export interface PreparedGroup {
  group: CaseGroup;
  id: number;
  main: ParsedData;
  refs: ParsedData[];
  rules: RuleToRun[];
  now: Date;
}

function schemaOf(spec: DataSpec, columns: string[]): ParsedData['schema'] {
  return {
    columns: columns.map((name) => {
      const t = spec.types?.[name];
      const col: ColumnSchema = {
        name,
        type: t === undefined ? 'string' : typeof t === 'string' ? t : t.type,
      };
      if (t && typeof t !== 'string' && t.format) col.format = t.format;
      return col;
    }),
    nullMarkers: spec.nullMarkers ?? [],
    ...(spec.keyColumns ? { keyColumns: spec.keyColumns } : {}),
  };
}

/** Writes each dataset's file and parses it with DuckDB (the parse every table back end loads). */
export async function prepare(groups: CaseGroup[], dir: string): Promise<PreparedGroup[]> {
  mkdirSync(dir, { recursive: true });
  const duck = await duckdbDatabase();
  try {
    const parse = async (spec: DataSpec, file: string, fallbackName: string): Promise<ParsedData> => {
      const path = join(dir, file);
      writeFileSync(path, spec.csv);
      const p = new SqlParams();
      const read = readCsvSql(p, { kind: 'csv', path });
      const st = p.finish(duckdbDialect, `SELECT * FROM ${read}`);
      const described = await duck.connection.runAndReadAll(`DESCRIBE ${st.sql}`, st.params as never);
      const columns = described.getRowObjectsJS().map((r) => String(r['column_name']));
      // File order, made explicit: the row number is the one the SQL back ends compute.
      const ordered = `SELECT * EXCLUDE (rn__) FROM (SELECT row_number() OVER () AS rn__, * FROM ${read}) ORDER BY rn__`;
      const reader = await duck.connection.runAndReadAll(
        p.finish(duckdbDialect, ordered).sql,
        st.params as never,
      );
      const rows = reader.getRowsJS().map((r) => r.map((v) => (v === null ? null : String(v))));
      return { spec, name: spec.name ?? fallbackName, path, columns, rows, schema: schemaOf(spec, columns) };
    };
    const out: PreparedGroup[] = [];
    for (const [id, group] of groups.entries()) {
      const main = await parse(group.data, `g${id}.csv`, 'data');
      const refs: ParsedData[] = [];
      for (const [j, ref] of (group.refs ?? []).entries())
        refs.push(await parse(ref, `g${id}_ref${j}.csv`, `ref${j}`));
      const rules = group.cases.map((c, k) => {
        const parsed = parseRule(c[0]);
        if (!parsed.ok)
          throw new Error(`Case "${c[0]}" of "${group.title}" does not parse: ${parsed.errors[0]?.message}`);
        return { id: `c${k}`, ast: parsed.ast };
      });
      out.push({ group, id, main, refs, rules, now: new Date(group.now ?? '2024-06-01T12:00:00Z') });
    }
    return out;
  } finally {
    await duck.close();
  }
}

function resolver(datasets: DatasetRef[]) {
  return (name: string) => datasets.find((d) => d.name.toLowerCase() === name.toLowerCase());
}

/** The regex engine every back end that matches in the client uses here: the real RE2, via re2-wasm. */
export const RE2_ENGINE = re2WasmEngine(RE2);

function inMemoryData(d: ParsedData): InMemoryData {
  return {
    schema: d.schema,
    rows: d.rows.map((r) => Object.fromEntries(d.columns.map((c, i) => [c, r[i]]))),
  };
}

/** The in-memory back end over the rows DuckDB parsed. */
export function inMemoryBackend(): Backend {
  return {
    name: 'memory',
    async run(g) {
      const all = [g.main, ...g.refs];
      const resolveRows = (name: string) => {
        const d = all.find((x) => x.name.toLowerCase() === name.toLowerCase());
        return d ? inMemoryData(d) : undefined;
      };
      return runInMemory(g.rules, inMemoryData(g.main), {
        now: g.now,
        sampleSize: g.group.sampleSize,
        resolveRows,
        regexEngine: RE2_ENGINE,
      });
    },
    close: async () => undefined,
  };
}

/** DuckDB reading the CSV files themselves. */
export async function duckdbFileBackend(): Promise<Backend> {
  const db = await duckdbDatabase();
  return {
    name: 'duckdb',
    async run(g) {
      const ref = (d: ParsedData): DatasetRef => ({
        name: d.name,
        schema: d.schema,
        source: { kind: 'csv', path: d.path },
      });
      const main = ref(g.main);
      const all = [main, ...g.refs.map(ref)];
      return runRuleSet(db.runner, main, g.rules, {
        now: g.now,
        sampleSize: g.group.sampleSize,
        resolveDataset: resolver(all),
      });
    },
    close: () => db.close(),
  };
}

/** A database back end reading TEXT tables loaded from the DuckDB parse. */
export async function tableBackend(dialect: Exclude<SqlDialect, 'duckdb'>): Promise<Backend | undefined> {
  let db: TestDatabase | undefined;
  const open =
    dialect === 'postgres' ? postgresDatabase : dialect === 'mysql' ? mysqlDatabase : sqliteDatabase;
  const ok = await serviceAvailable(dialect, async () => {
    db = await open();
  });
  if (!ok || !db) return undefined;
  const conn = db;
  let n = 0;
  return {
    name: dialect,
    async run(g) {
      const load = async (d: ParsedData): Promise<DatasetRef> => {
        if (d.columns.includes(ROW_COLUMN))
          throw new Error(`A case uses the reserved column name ${ROW_COLUMN}`);
        const table = `t${g.id}_${n++}`;
        const rows = d.rows.map((r, i) => [...r, i + 1]);
        const rowType = dialect === 'mysql' ? 'BIGINT' : dialect === 'postgres' ? 'bigint' : 'INTEGER';
        await conn.loadTable(
          table,
          [...d.columns.map((name) => ({ name })), { name: ROW_COLUMN, sqlType: rowType }],
          rows,
        );
        return {
          name: d.name,
          schema: d.schema,
          source: {
            kind: 'table',
            table,
            ...(conn.schema ? { schema: conn.schema } : {}),
            rowNumberColumn: ROW_COLUMN,
          },
        };
      };
      const main = await load(g.main);
      const all = [main];
      for (const r of g.refs) all.push(await load(r));
      return runRuleSet(conn.runner, main, g.rules, {
        now: g.now,
        sampleSize: g.group.sampleSize,
        resolveDataset: resolver(all),
        regexEngine: RE2_ENGINE,
      });
    },
    close: () => conn.close(),
  };
}

export function normalize(r: RuleSetResult['results'][number]): NormalizedResult {
  return {
    rowsChecked: r.rowsChecked,
    failedCount: r.failedCount,
    verdict: r.verdict,
    samples: r.samples.map((s) => s.rowNumber),
    ...(r.error ? { error: r.error } : {}),
  };
}

/** A fresh directory under the repository's tmp/ (gitignored). */
export function tempDir(): string {
  return join(import.meta.dirname, '..', '..', '..', '..', 'tmp', uniqueName('conformance'));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
