import { inferType, readableAs, type TypeEvidence } from './infer';

const none: TypeEvidence = {
  nonNull: 10,
  integer: 0,
  decimal: 0,
  boolean: 0,
  isoDate: 0,
  isoTimestamp: 0,
  leadingZero: 0,
  formats: [],
};

describe('inferType', () => {
  it('picks the most specific type all values read as', () => {
    expect(inferType({ ...none, integer: 10, decimal: 10 }).type).toBe('integer');
    expect(inferType({ ...none, integer: 9, decimal: 10 }).type).toBe('decimal');
    expect(inferType({ ...none, boolean: 10 }).type).toBe('boolean');
    expect(inferType({ ...none, isoDate: 10, isoTimestamp: 10 }).type).toBe('date');
    expect(inferType({ ...none, isoDate: 4, isoTimestamp: 10 }).type).toBe('timestamp');
    expect(inferType({ ...none, integer: 9, decimal: 9 }).type).toBe('string');
  });

  it('keeps digit strings with a leading zero as strings (zip codes)', () => {
    expect(inferType({ ...none, integer: 10, decimal: 10, leadingZero: 1 }).type).toBe('string');
  });

  it('calls an empty column a string', () => {
    expect(inferType({ ...none, nonNull: 0 }).type).toBe('string');
  });

  it('uses a detected format only when exactly one format reads every value', () => {
    expect(inferType({ ...none, formats: [{ format: 'YYYY/MM/DD HH:mm:ss', readable: 10 }] })).toEqual({
      type: 'timestamp',
      format: 'YYYY/MM/DD HH:mm:ss',
      formatCandidates: [],
    });
    expect(inferType({ ...none, formats: [{ format: 'DD/MM/YYYY', readable: 9 }] }).type).toBe('string');
    const both = inferType({
      ...none,
      formats: [
        { format: 'DD/MM/YYYY', readable: 10 },
        { format: 'MM/DD/YYYY', readable: 10 },
      ],
    });
    expect(both).toEqual({ type: 'string', format: null, formatCandidates: ['DD/MM/YYYY', 'MM/DD/YYYY'] });
  });

  it('counts readable values for a given type', () => {
    const e = { ...none, integer: 3, decimal: 5, formats: [{ format: 'DD/MM/YYYY', readable: 7 }] };
    expect(readableAs(e, 'decimal', null)).toBe(5);
    expect(readableAs(e, 'date', 'DD/MM/YYYY')).toBe(7);
    expect(readableAs(e, 'string', null)).toBe(10);
  });
});
