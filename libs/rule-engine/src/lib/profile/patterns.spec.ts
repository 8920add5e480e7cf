import { candidateFormats, formatRegex, formatType, shapeOf, splitFormat } from './patterns';

describe('date format detection', () => {
  it('finds the one reading of an unambiguous shape', () => {
    expect(candidateFormats(shapeOf('2015/01/31 23:59:01'))).toEqual(['YYYY/MM/DD HH:mm:ss']);
    expect(candidateFormats(shapeOf('2015.01.31'))).toEqual(['YYYY.MM.DD']);
  });

  it('offers both day-first and month-first readings when the shape allows both', () => {
    expect(candidateFormats(shapeOf('01/02/2015'))).toEqual(['DD/MM/YYYY', 'MM/DD/YYYY']);
    expect(candidateFormats(shapeOf('01-02-2015 10:30'))).toEqual(['DD-MM-YYYY HH:mm', 'MM-DD-YYYY HH:mm']);
  });

  it('leaves ISO shapes, numbers and free text alone', () => {
    expect(candidateFormats(shapeOf('2015-01-31'))).toEqual([]);
    expect(candidateFormats(shapeOf('2015-01-31 10:00:00'))).toEqual([]);
    expect(candidateFormats(shapeOf('2015-01-31T10:00'))).toEqual([]);
    expect(candidateFormats(shapeOf('20150131'))).toEqual([]);
    expect(candidateFormats(shapeOf('12345'))).toEqual([]);
    expect(candidateFormats(shapeOf('ab/cd/efgh'))).toEqual([]);
    expect(candidateFormats(shapeOf('/2015/01/31'))).toEqual([]);
    expect(candidateFormats(shapeOf('2015/01/31/'))).toEqual([]);
    expect(candidateFormats('')).toEqual([]);
  });

  it('prints a format as an anchored pattern with its literal characters escaped', () => {
    expect(formatRegex('YYYY/MM/DD HH:mm:ss')).toBe(
      '^[0-9]{4}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$',
    );
    expect(formatRegex('DD.MM.YYYY')).toBe('^[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$');
    expect(new RegExp(formatRegex('DD.MM.YYYY')).test('31.01.2015')).toBe(true);
    expect(new RegExp(formatRegex('DD.MM.YYYY')).test('31x01x2015')).toBe(false);
  });

  it('tells dates from timestamps and splits formats into tokens', () => {
    expect(formatType('YYYY/MM/DD')).toBe('date');
    expect(formatType('MM/DD/YYYY HH:mm')).toBe('timestamp');
    expect(splitFormat('DD/MM').map((p) => p.token ?? p.literal)).toEqual(['DD', '/', 'MM']);
  });
});
