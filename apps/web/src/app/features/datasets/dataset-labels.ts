import { ColumnType, CsvEncoding, CsvFormat, SourceType, VersionStatus } from '@dqw/shared-types';

export const TYPE_LABELS: Record<ColumnType, string> = {
  integer: 'Integer',
  decimal: 'Decimal',
  boolean: 'Boolean',
  date: 'Date',
  timestamp: 'Timestamp',
  string: 'Text',
};

export const SOURCE_LABELS: Record<SourceType, string> = { csv: 'CSV file', table: 'Database table' };

export const ENCODING_LABELS: Record<CsvEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'latin-1': 'Latin-1 (ISO-8859-1)',
};

export const VERSION_STATUS_LABELS: Record<VersionStatus, string> = {
  uploaded: 'Waiting for profiling',
  profiling: 'Profiling',
  ready: 'Ready',
  error: 'Profiling failed',
};

/** Delimiters offered in the reading options (any other single character can be typed). */
export const DELIMITER_OPTIONS: readonly { value: string; label: string }[] = [
  { value: ',', label: 'Comma ( , )' },
  { value: ';', label: 'Semicolon ( ; )' },
  { value: '\t', label: 'Tab' },
  { value: '|', label: 'Pipe ( | )' },
];

export const QUOTE_OPTIONS: readonly { value: string; label: string }[] = [
  { value: '"', label: 'Double quote ( " )' },
  { value: "'", label: "Single quote ( ' )" },
];

/** A delimiter or quote character in words ("Comma ( , )", "Tab"). */
export function charLabel(char: string): string {
  const known = [...DELIMITER_OPTIONS, ...QUOTE_OPTIONS].find((o) => o.value === char);
  if (known) return known.label;
  if (char === '') return 'None';
  if (char === ' ') return 'Space';
  return `“${char}”`;
}

export function newlineLabel(newline: CsvFormat['newline']): string {
  switch (newline) {
    case 'crlf':
      return 'Windows (CRLF)';
    case 'lf':
      return 'Unix (LF)';
    case 'cr':
      return 'Classic Mac (CR)';
    case 'none':
      return 'One line';
  }
}

/** 1,536 → "1.5 KB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 100 ? Math.round(value) : value.toFixed(1).replace(/\.0$/, '')} ${units[unit]}`;
}

export function formatCount(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : new Intl.NumberFormat('en').format(n);
}

/** 0.1234 → "12.3%"; tiny but non-zero shares don't round to a misleading 0%. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return '–';
  if (share > 0 && share < 0.001) return '< 0.1%';
  if (share < 1 && share > 0.999) return '> 99.9%';
  return `${(share * 100).toFixed(1).replace(/\.0$/, '')}%`;
}

/** A profile's min/max/mean for display: dates stay ISO, numbers get separators. */
export function formatStat(value: string | number | null | undefined, type?: ColumnType): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number') {
    if ((type === 'date' || type === 'timestamp') && Math.abs(value) > 1e11) {
      const iso = new Date(value).toISOString();
      return type === 'date' ? iso.slice(0, 10) : iso.replace('T', ' ').replace(/\.000Z$|Z$/, '');
    }
    return new Intl.NumberFormat('en', { maximumFractionDigits: 4 }).format(value);
  }
  return value;
}

/** Quality score badge colour: ≥ 95 good, ≥ 80 fair, else poor. */
export function scoreTone(score: number): 'success' | 'warning' | 'danger' {
  if (score >= 95) return 'success';
  if (score >= 80) return 'warning';
  return 'danger';
}

/** "orders 2024.csv" → "orders 2024" — a starting point for the dataset name. */
export function nameFromFile(fileName: string): string {
  return fileName
    .replace(/\.(csv|tsv|txt)$/i, '')
    .trim()
    .slice(0, 200);
}

/** Run states as the badges say them. */
export const RUN_STATUS_TEXT: Record<string, { label: string; tone: string }> = {
  queued: { label: 'Queued', tone: 'secondary' },
  running: { label: 'Running', tone: 'info' },
  passed: { label: 'Passed', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  error: { label: 'Error', tone: 'warning' },
};

export const RUN_PHASE_TEXT: Record<string, string> = {
  queued: 'Waiting for a worker',
  opening: 'Opening the data',
  scanning: 'Checking every row',
  storing: 'Storing the results',
  done: 'Done',
};
