import type { ColumnSchema, ColumnType } from '../model';
import { formatInstant } from './datetime';
import {
  cellText,
  compileFormat,
  readCell,
  readIsoDate,
  readIsoTimestamp,
  readNumber,
  readWithFormat,
  trimCell,
  UNREADABLE,
} from './values';
import { codePointLength, compareText, simpleLower, simpleUpper } from './text';

const col = (type: ColumnType, extra: Partial<ColumnSchema> = {}): ColumnSchema => ({
  name: 'c',
  type,
  ...extra,
});
const read = (
  raw: string | null,
  type: ColumnType,
  markers: string[] = [],
  extra: Partial<ColumnSchema> = {},
) => readCell(raw, col(type, extra), markers);
const iso = (ms: number | undefined | typeof UNREADABLE | null | string | boolean) =>
  typeof ms === 'number' ? formatInstant(ms, false) : ms;

describe('rule 1: trim', () => {
  it('removes ASCII white space from both ends only', () => {
    expect(trimCell(' \t\n\r\f\va b\v\f\r\n\t ')).toBe('a b');
  });
  it('keeps NBSP, zero-width space and other Unicode spaces', () => {
    expect(trimCell('\u00a0x\u00a0')).toBe('\u00a0x\u00a0');
    expect(trimCell('\u200bx')).toBe('\u200bx');
    expect(trimCell('\u2003x')).toBe('\u2003x');
  });
  it('a cell with NBSP around a number is unreadable in a numeric column', () => {
    expect(read('\u00a012', 'integer')).toBe(UNREADABLE);
    expect(read(' 12\t', 'integer')).toBe(12);
  });
});

describe('rule 2: null', () => {
  it('empty or blank is null; SQL null is null', () => {
    expect(read('', 'string')).toBeNull();
    expect(read('   \t', 'integer')).toBeNull();
    expect(read(null, 'string')).toBeNull();
  });
  it('NA, None, NULL, N/A are plain text unless the dataset declares them markers', () => {
    for (const v of ['NA', 'None', 'NULL', 'N/A', 'null', '-']) expect(read(v, 'string')).toBe(v);
    expect(read('NA', 'integer')).toBe(UNREADABLE);
  });
  it('markers match exactly and case-sensitively, after trimming', () => {
    expect(read(' NA ', 'string', ['NA'])).toBeNull();
    expect(read('na', 'string', ['NA'])).toBe('na');
    expect(read('N A', 'string', ['NA'])).toBe('N A');
    expect(read('-', 'decimal', ['-'])).toBeNull();
  });
});

describe('rule 3: integers and decimals', () => {
  it('leading zeros: a number in a numeric column, the text itself in a string column', () => {
    expect(read('00501', 'integer')).toBe(501);
    expect(read('00501', 'string')).toBe('00501');
  });
  it('integer columns accept only the integer form', () => {
    expect(read('+42', 'integer')).toBe(42);
    expect(read('-42', 'integer')).toBe(-42);
    expect(read('1.0', 'integer')).toBe(UNREADABLE);
    expect(read('1e3', 'integer')).toBe(UNREADABLE);
    expect(read('1.', 'integer')).toBe(UNREADABLE);
  });
  it('decimal columns accept integer, fraction and exponent forms', () => {
    expect(read('1e3', 'decimal')).toBe(1000);
    expect(read('1.0', 'decimal')).toBe(1);
    expect(read('.5', 'decimal')).toBe(0.5);
    expect(read('5.', 'decimal')).toBe(5);
    expect(read('-2.5E-3', 'decimal')).toBe(-0.0025);
    expect(read('+.5e+2', 'decimal')).toBe(50);
  });
  it('refuses what is not plain decimal', () => {
    for (const v of [
      '1,000',
      '$5',
      '5$',
      'NaN',
      'Infinity',
      '-Infinity',
      '0x10',
      '1_000',
      '1 000',
      '.',
      'e5',
      '1e',
      '--1',
      '1e+',
      '٣',
    ]) {
      expect(read(v, 'decimal')).toBe(UNREADABLE);
    }
  });
  it('-0 is 0', () => {
    expect(Object.is(read('-0', 'decimal'), 0)).toBe(true);
    expect(Object.is(read('-0.0e5', 'decimal'), 0)).toBe(true);
  });
  it('more than 200 characters is never a number', () => {
    expect(read('1'.repeat(200), 'integer')).toBe(Number('1'.repeat(200)));
    expect(read('1'.repeat(201), 'integer')).toBe(UNREADABLE);
    expect(read(' '.repeat(50) + '1'.repeat(200) + ' '.repeat(50), 'decimal')).toBe(Number('1'.repeat(200)));
  });
  it('exponents above 100 in absolute value are unreadable; leading zeros of the exponent do not count', () => {
    expect(readNumber('1e100')).toBe(1e100);
    expect(readNumber('1e-100')).toBe(1e-100);
    expect(readNumber('1e101')).toBeUndefined();
    expect(readNumber('1e-101')).toBeUndefined();
    expect(readNumber('1e0100')).toBe(1e100);
    expect(readNumber('9'.repeat(190) + 'e100')).toBe(Number('9'.repeat(190) + 'e100'));
  });
  it('integers beyond 2^53 are doubles', () => {
    expect(read('9007199254740993', 'integer')).toBe(9007199254740992);
  });
});

describe('rule 3: booleans', () => {
  it('true/false in any case', () => {
    expect(read('TRUE', 'boolean')).toBe(true);
    expect(read('False', 'boolean')).toBe(false);
  });
  it('nothing else', () => {
    for (const v of ['1', '0', 'yes', 'no', 't', 'f', 'Y', 'truee'])
      expect(read(v, 'boolean')).toBe(UNREADABLE);
  });
});

describe('rule 3: dates', () => {
  it('ISO dates that name a real day', () => {
    expect(iso(read('2024-02-29', 'date'))).toBe('2024-02-29T00:00:00.000Z');
    expect(read('2023-02-29', 'date')).toBe(UNREADABLE);
    expect(read('2023-02-30', 'date')).toBe(UNREADABLE);
    expect(read('2023-04-31', 'date')).toBe(UNREADABLE);
    expect(read('2023-13-01', 'date')).toBe(UNREADABLE);
    expect(read('1900-02-29', 'date')).toBe(UNREADABLE);
    expect(iso(read('2000-02-29', 'date'))).toBe('2000-02-29T00:00:00.000Z');
  });
  it('years 0001–9999', () => {
    expect(iso(read('0001-01-01', 'date'))).toBe('0001-01-01T00:00:00.000Z');
    expect(iso(read('9999-12-31', 'date'))).toBe('9999-12-31T00:00:00.000Z');
    expect(read('0000-01-01', 'date')).toBe(UNREADABLE);
    expect(read('10000-01-01', 'date')).toBe(UNREADABLE);
  });
  it('year 0050 is not 1950', () => {
    expect(iso(read('0050-03-01', 'date'))).toBe('0050-03-01T00:00:00.000Z');
  });
  it('a timestamp text in a date column is unreadable', () => {
    expect(read('2024-01-01T00:00', 'date')).toBe(UNREADABLE);
    expect(read('2024-01-01 00:00:00', 'date')).toBe(UNREADABLE);
  });
  it('other shapes are unreadable', () => {
    for (const v of ['2024-1-01', '2024/01/01', '20240101', '24-01-01', '2024-01-01x'])
      expect(read(v, 'date')).toBe(UNREADABLE);
  });
});

describe('rule 3: timestamps', () => {
  const ts = (v: string) => iso(read(v, 'timestamp'));
  it('bare date is midnight UTC; T or one space before the time', () => {
    expect(ts('2024-03-01')).toBe('2024-03-01T00:00:00.000Z');
    expect(ts('2024-03-01T10:30')).toBe('2024-03-01T10:30:00.000Z');
    expect(ts('2024-03-01 10:30:15')).toBe('2024-03-01T10:30:15.000Z');
    expect(read('2024-03-01  10:30', 'timestamp')).toBe(UNREADABLE);
  });
  it('fractions of 1–9 digits are truncated to milliseconds', () => {
    expect(ts('2024-03-01T10:30:15.1')).toBe('2024-03-01T10:30:15.100Z');
    expect(ts('2024-03-01T10:30:15.123456789')).toBe('2024-03-01T10:30:15.123Z');
    expect(ts('2024-03-01T10:30:15.9999')).toBe('2024-03-01T10:30:15.999Z');
    expect(read('2024-03-01T10:30:15.1234567890', 'timestamp')).toBe(UNREADABLE);
    expect(read('2024-03-01T10:30:15.', 'timestamp')).toBe(UNREADABLE);
  });
  it('truncation is of the written fraction, also before 1970', () => {
    expect(ts('1969-12-31T23:59:59.9999')).toBe('1969-12-31T23:59:59.999Z');
  });
  it('zones Z, ±HH:MM, ±HHMM, ±HH shift to UTC', () => {
    expect(ts('2024-03-01T10:30Z')).toBe('2024-03-01T10:30:00.000Z');
    expect(ts('2024-03-01T10:30+02:00')).toBe('2024-03-01T08:30:00.000Z');
    expect(ts('2024-03-01T10:30-0530')).toBe('2024-03-01T16:00:00.000Z');
    expect(ts('2024-03-01T01:30+03')).toBe('2024-02-29T22:30:00.000Z');
    expect(ts('2024-03-01T10:30:00.5-23:59')).toBe('2024-03-02T10:29:00.500Z');
  });
  it('zone hours 00–23 and minutes 00–59', () => {
    expect(read('2024-03-01T10:30+24:00', 'timestamp')).toBe(UNREADABLE);
    expect(read('2024-03-01T10:30+01:60', 'timestamp')).toBe(UNREADABLE);
    expect(read('2024-03-01T10:30+1', 'timestamp')).toBe(UNREADABLE);
  });
  it('the parts nest: a fraction needs seconds, a zone needs a time', () => {
    expect(read('2024-01-01Z', 'timestamp')).toBe(UNREADABLE);
    expect(read('2024-01-01T10:30.5', 'timestamp')).toBe(UNREADABLE);
    expect(read('2024-01-01T10', 'timestamp')).toBe(UNREADABLE);
  });
  it('T and Z are upper case only', () => {
    expect(read('2024-01-01t10:30', 'timestamp')).toBe(UNREADABLE);
    expect(read('2024-01-01T10:30z', 'timestamp')).toBe(UNREADABLE);
  });
  it('hours 00–23, minutes and seconds 00–59 (no leap second)', () => {
    expect(read('2024-01-01T24:00', 'timestamp')).toBe(UNREADABLE);
    expect(read('2024-01-01T23:60', 'timestamp')).toBe(UNREADABLE);
    expect(read('2016-12-31T23:59:60Z', 'timestamp')).toBe(UNREADABLE);
    expect(read('2023-02-29T10:00', 'timestamp')).toBe(UNREADABLE);
  });
  it('readIsoDate and readIsoTimestamp agree on dates', () => {
    expect(readIsoTimestamp('2024-05-06')).toBe(readIsoDate('2024-05-06'));
  });
});

describe('rule 3: detected formats', () => {
  it('reads a timestamp format character for character', () => {
    const c = { format: 'YYYY/MM/DD HH:mm:ss' };
    expect(iso(read('2015/01/01 01:00:00', 'timestamp', [], c))).toBe('2015-01-01T01:00:00.000Z');
    expect(read('2015/1/01 01:00:00', 'timestamp', [], c)).toBe(UNREADABLE);
    expect(read('2015-01-01 01:00:00', 'timestamp', [], c)).not.toBe(UNREADABLE); // ISO still reads
    expect(read('2015/02/30 01:00:00', 'timestamp', [], c)).toBe(UNREADABLE);
    expect(read('2015/01/01 24:00:00', 'timestamp', [], c)).toBe(UNREADABLE);
  });
  it('day-first and month-first formats; missing time parts count as 0', () => {
    expect(iso(read('31/12/2024', 'date', [], { format: 'DD/MM/YYYY' }))).toBe('2024-12-31T00:00:00.000Z');
    expect(read('12/31/2024', 'date', [], { format: 'DD/MM/YYYY' })).toBe(UNREADABLE);
    expect(iso(read('12/31/2024 23:59', 'timestamp', [], { format: 'MM/DD/YYYY HH:mm' }))).toBe(
      '2024-12-31T23:59:00.000Z',
    );
  });
  it('tokens need exactly their number of ASCII digits', () => {
    expect(readWithFormat('2024/01/1', 'YYYY/MM/DD', 'date')).toBeUndefined();
    expect(readWithFormat('2024/01/١٢', 'YYYY/MM/DD', 'date')).toBeUndefined();
    expect(readWithFormat('2024/01/+1', 'YYYY/MM/DD', 'date')).toBeUndefined();
  });
  it('a date column refuses a format with time tokens; formats need YYYY, MM and DD once', () => {
    expect(readWithFormat('2024/01/01 10', 'YYYY/MM/DD HH', 'date')).toBeUndefined();
    expect(compileFormat('MM/YYYY')).toBeNull();
    expect(compileFormat('YYYY-MM-DD-DD')).toBeNull();
    expect(compileFormat('DD.MM.YYYY')).not.toBeNull();
  });
});

describe('rule 4: native columns', () => {
  const native = { storage: 'native' as const };
  it('text is compared exactly: no trimming, and an empty string is a value', () => {
    expect(read(' a ', 'string', [], native)).toBe(' a ');
    expect(read('', 'string', [], native)).toBe('');
    expect(read(null, 'string', [], native)).toBeNull();
  });
  it('null markers apply to native text, exactly', () => {
    expect(read('N/A', 'string', ['N/A'], native)).toBeNull();
    expect(read(' N/A', 'string', ['N/A'], native)).toBe(' N/A');
  });
  it('typed native values read as their type', () => {
    expect(read('12.5', 'decimal', [], native)).toBe(12.5);
    expect(iso(read('2024-01-01 10:00:00+00', 'timestamp', [], native))).toBe('2024-01-01T10:00:00.000Z');
  });
});

describe('text of a cell (MATCHES and text functions)', () => {
  it('is the trimmed text whatever the type, readable or not; null only for null cells', () => {
    expect(cellText(' 12x ', col('integer'), [])).toBe('12x');
    expect(cellText(' ', col('integer'), [])).toBeNull();
    expect(cellText('NA', col('integer'), ['NA'])).toBeNull();
  });
});

describe('text operations', () => {
  it('orders by code point, not UTF-16 unit', () => {
    // U+FF21 (fullwidth A) is below U+1F600 (emoji) by code point, above it by UTF-16 unit.
    expect(compareText('\uff21', '\u{1f600}')).toBeLessThan(0);
    expect(compareText('a', 'b')).toBeLessThan(0);
    expect(compareText('B', 'a')).toBeLessThan(0);
    expect(compareText('ab', 'a')).toBeGreaterThan(0);
    expect(compareText('é', 'z')).toBeGreaterThan(0);
  });
  it('length counts code points', () => {
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('e\u0301')).toBe(2);
  });
  it('simple case mapping, code point by code point', () => {
    expect(simpleUpper('straße')).toBe('STRAßE');
    expect(simpleLower('İSTANBUL')).toBe('istanbul');
    expect(simpleLower('ΟΔΟΣ')).toBe('οδοσ');
    expect(simpleUpper('ᾳ')).toBe('ᾼ');
    expect(simpleUpper('ﬁ')).toBe('ﬁ');
    expect(simpleUpper('ǆ')).toBe('Ǆ');
  });
});
