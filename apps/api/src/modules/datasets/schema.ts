import type { ColumnSchema, DatasetRef, DatasetSchema } from '@dqw/rule-engine';
import type { CsvFormat } from '@dqw/shared-types';
import type { DatasetVersion } from './entities/dataset-version.entity';
import type { Dataset } from './entities/dataset.entity';

/** A version's columns with the dataset's overrides applied: the schema rules and profiles read with. */
export function datasetSchema(dataset: Dataset, version: DatasetVersion | null): DatasetSchema {
  const columns: ColumnSchema[] = (version?.columns ?? [])
    .filter((c) => !c.unsupported)
    .map((c) => {
      const o = dataset.columnOverrides[c.name];
      const type = o?.type ?? c.type;
      const format = o ? (o.format ?? null) : (c.format ?? null);
      return {
        name: c.name,
        type,
        format: type === 'date' || type === 'timestamp' ? format : null,
        storage: c.storage,
        ...(c.nativeType ? { nativeType: c.nativeType } : {}),
      };
    });
  const names = new Set(columns.map((c) => c.name));
  return {
    columns,
    nullMarkers: [...dataset.nullMarkers],
    keyColumns: dataset.keyColumns.filter((k) => names.has(k)),
  };
}

/** The CSV DataSource for a stored file read at `path` (a file or a pipe placeholder), always UTF-8. */
export type CsvDataSource = Extract<DatasetRef['source'], { kind: 'csv' }>;

export function csvSource(path: string, format: CsvFormat): CsvDataSource {
  return {
    kind: 'csv',
    path,
    delimiter: format.delimiter,
    quote: format.quote,
    escape: format.escape,
    header: format.header,
    encoding: 'utf-8',
  };
}

export function tableSource(dataset: Dataset): DatasetRef['source'] {
  return {
    kind: 'table',
    table: dataset.tableName ?? '',
    ...(dataset.tableSchema ? { schema: dataset.tableSchema } : {}),
  };
}
