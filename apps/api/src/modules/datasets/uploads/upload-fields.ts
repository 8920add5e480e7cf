import { CSV_ENCODINGS, type CsvEncoding, type CsvFormatOverrides } from '@dqw/shared-types';
import { InvalidInputError } from '../../../core/http/domain-errors';

export const NAME_MAX = 200;
export const DESCRIPTION_MAX = 4000;
export const NULL_MARKERS_MAX = 50;

const KNOWN_CREATE = [
  'name',
  'description',
  'sensitive',
  'nullMarkers',
  'delimiter',
  'quote',
  'escape',
  'header',
  'encoding',
  'keyColumns',
];
const KNOWN_VERSION = ['delimiter', 'quote', 'escape', 'header', 'encoding'];

export interface CreateUploadFields {
  name: string;
  description: string | null;
  sensitive: boolean;
  nullMarkers: string[];
  keyColumns: string[];
  format: CsvFormatOverrides;
}

export function parseBool(name: string, v: string | undefined): boolean | undefined {
  if (v === undefined || v.trim() === '') return undefined;
  const t = v.trim().toLowerCase();
  if (t === 'true' || t === '1' || t === 'on' || t === 'yes') return true;
  if (t === 'false' || t === '0' || t === 'off' || t === 'no') return false;
  throw new InvalidInputError(`${name} must be true or false`);
}

/** A JSON array of strings, or a comma-separated list. */
function parseList(name: string, v: string | undefined, max: number): string[] {
  if (v === undefined || v.trim() === '') return [];
  let list: unknown;
  if (v.trim().startsWith('[')) {
    try {
      list = JSON.parse(v);
    } catch {
      throw new InvalidInputError(`${name} must be a JSON array of strings or a comma-separated list`);
    }
  } else list = v.split(',').map((s) => s.trim());
  if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) {
    throw new InvalidInputError(`${name} must be a JSON array of strings or a comma-separated list`);
  }
  if (list.length > max) throw new InvalidInputError(`${name} has more than ${max} entries`);
  return [...new Set(list as string[])];
}

function oneChar(name: string, v: string | undefined): string | undefined {
  if (v === undefined || v === '') return undefined;
  const c = v === '\\t' ? '\t' : v;
  if ([...c].length !== 1 || c === '\n' || c === '\r') {
    throw new InvalidInputError(`${name} must be a single character (use \\t for a tab)`);
  }
  return c;
}

export function checkUnknown(fields: Record<string, string>, known: string[]): void {
  const extra = Object.keys(fields).filter((k) => !known.includes(k));
  if (extra.length)
    throw new InvalidInputError(`Unknown field${extra.length > 1 ? 's' : ''}: ${extra.join(', ')}`);
}

export function parseFormat(fields: Record<string, string>): CsvFormatOverrides {
  const out: CsvFormatOverrides = {};
  const delimiter = oneChar('delimiter', fields['delimiter']);
  const quote = oneChar('quote', fields['quote']);
  const escape = oneChar('escape', fields['escape']);
  const header = parseBool('header', fields['header']);
  const enc = fields['encoding']?.trim().toLowerCase();
  if (delimiter !== undefined) out.delimiter = delimiter;
  if (quote !== undefined) out.quote = quote;
  if (escape !== undefined) out.escape = escape;
  if (header !== undefined) out.header = header;
  if (enc) {
    const aliases: Record<string, CsvEncoding> = {
      utf8: 'utf-8',
      'utf-16': 'utf-16le',
      utf16: 'utf-16le',
      latin1: 'latin-1',
      'iso-8859-1': 'latin-1',
    };
    const e = aliases[enc] ?? enc;
    if (!(CSV_ENCODINGS as readonly string[]).includes(e)) {
      throw new InvalidInputError(`encoding must be one of ${CSV_ENCODINGS.join(', ')}`);
    }
    out.encoding = e as CsvEncoding;
  }
  if (out.delimiter !== undefined && out.delimiter === out.quote) {
    throw new InvalidInputError('delimiter and quote must differ');
  }
  return out;
}

export function checkName(raw: string | undefined): string {
  const name = (raw ?? '').trim();
  if (!name) throw new InvalidInputError('name is required');
  if (name.length > NAME_MAX) throw new InvalidInputError(`name must be at most ${NAME_MAX} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new InvalidInputError('name must not contain control characters');
  return name;
}

export function checkNullMarkers(list: string[]): string[] {
  if (list.length > NULL_MARKERS_MAX)
    throw new InvalidInputError(`nullMarkers has more than ${NULL_MARKERS_MAX} entries`);
  for (const m of list) {
    if (m.trim() === '' || m.length > 100)
      throw new InvalidInputError('each null marker must be 1–100 characters, not blank');
  }
  // Markers are compared with the trimmed cell, so a marker with surrounding spaces could never match.
  return [...new Set(list.map((m) => m.trim()))];
}

export function parseCreateFields(fields: Record<string, string>): CreateUploadFields {
  checkUnknown(fields, KNOWN_CREATE);
  const description = fields['description']?.trim() || null;
  if (description && description.length > DESCRIPTION_MAX) {
    throw new InvalidInputError(`description must be at most ${DESCRIPTION_MAX} characters`);
  }
  return {
    name: checkName(fields['name']),
    description,
    sensitive: parseBool('sensitive', fields['sensitive']) ?? false,
    nullMarkers: checkNullMarkers(parseList('nullMarkers', fields['nullMarkers'], NULL_MARKERS_MAX)),
    keyColumns: parseList('keyColumns', fields['keyColumns'], 20),
    format: parseFormat(fields),
  };
}

export function parseVersionFields(fields: Record<string, string>): CsvFormatOverrides {
  checkUnknown(fields, KNOWN_VERSION);
  return parseFormat(fields);
}
