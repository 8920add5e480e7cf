import { segmentsOf, offsetOf, markRange } from './dsl-code';
import { checkedColumns, tokenizeDsl, unquoteIdentifier } from './dsl-tokens';

const kinds = (text: string) =>
  tokenizeDsl(text)
    .filter((t) => t.kind !== 'space')
    .map((t) => `${t.kind}:${t.text}`);

describe('tokenizeDsl', () => {
  it('tells rule names, keywords, functions, names, strings and numbers apart', () => {
    expect(kinds("IN_RANGE(amount, 0, null) WHERE lower(status) != 'x' MOSTLY 99.5%")).toEqual([
      'rule:IN_RANGE',
      'punct:(',
      'identifier:amount',
      'punct:,',
      'number:0',
      'punct:,',
      'keyword:null',
      'punct:)',
      'keyword:WHERE',
      'function:lower',
      'punct:(',
      'identifier:status',
      'punct:)',
      'operator:!=',
      "string:'x'",
      'keyword:MOSTLY',
      'number:99.5',
      'operator:%',
    ]);
  });

  it('treats a function or rule name not followed by "(" as a column name', () => {
    expect(kinds('CUSTOM(date > unique)')).toEqual([
      'rule:CUSTOM',
      'punct:(',
      'identifier:date',
      'operator:>',
      'identifier:unique',
      'punct:)',
    ]);
  });

  it('keeps doubled quotes inside strings and names, comments to the line end, and odd characters', () => {
    expect(kinds(`NOT_NULL("a ""b""") -- why\nMATCHES(x, 'O''Brien') §`)).toEqual([
      'rule:NOT_NULL',
      'punct:(',
      'quoted:"a ""b"""',
      'punct:)',
      'comment:-- why',
      'rule:MATCHES',
      'punct:(',
      'identifier:x',
      'punct:,',
      "string:'O''Brien'",
      'punct:)',
      'unknown:§',
    ]);
    expect(unquoteIdentifier('"a ""b"""')).toBe('a "b"');
  });

  it('covers every character exactly once, even unfinished strings', () => {
    const text = 'MATCHES(email, \'^[a-z]+\n  NOT_NULL("x';
    expect(
      tokenizeDsl(text)
        .map((t) => t.text)
        .join(''),
    ).toBe(text);
  });
});

describe('checkedColumns', () => {
  const columns = ['email', 'amount', 'status', 'customer_id', 'order id'];

  it('names the columns the rule checks, not the WHERE scope nor the other dataset', () => {
    expect(checkedColumns("IN_RANGE(amount, 0, 10) WHERE status = 'paid'", columns)).toEqual(['amount']);
    expect(checkedColumns('FOREIGN_KEY(customer_id) REFERENCES customers(email)', columns)).toEqual([
      'customer_id',
    ]);
    expect(checkedColumns("CUSTOM(amount > 0 OR status = 'void')", columns)).toEqual(['amount', 'status']);
    expect(checkedColumns('UNIQUE("order id", email)', columns)).toEqual(['order id', 'email']);
  });

  it('ignores names that are not columns and keywords', () => {
    expect(checkedColumns('CUSTOM(total IS NOT NULL)', columns)).toEqual([]);
    expect(checkedColumns('ROW_COUNT(1, null)', columns)).toEqual([]);
  });
});

describe('marks', () => {
  it('finds offsets by 1-based line and column across \\n, \\r\\n and \\r', () => {
    const text = 'ab\r\ncd\ref\ngh';
    expect(offsetOf(text, 1, 1)).toBe(0);
    expect(offsetOf(text, 2, 2)).toBe(5);
    expect(offsetOf(text, 3, 1)).toBe(7);
    expect(offsetOf(text, 4, 2)).toBe(11);
    expect(offsetOf(text, 9, 1)).toBe(text.length);
  });

  it('keeps a mark past the end on the last character', () => {
    expect(markRange('NOT_NULL(', { line: 1, column: 10, length: 1 })).toEqual([8, 9]);
  });

  it('cuts tokens where a mark starts and ends, and flags the marked pieces', () => {
    const segments = segmentsOf('NOT_NULL(emial)', [{ line: 1, column: 10, length: 5 }]);
    expect(segments.map((s) => [s.text, s.mark])).toEqual([
      ['NOT_NULL', null],
      ['(', null],
      ['emial', 0],
      [')', null],
    ]);
    const partial = segmentsOf('IN_RANGE(x)', [{ line: 1, column: 4, length: 2 }]);
    expect(partial.map((s) => [s.kind, s.text, s.mark])).toEqual([
      ['rule', 'IN_', null],
      ['rule', 'RA', 0],
      ['rule', 'NGE', null],
      ['punct', '(', null],
      ['identifier', 'x', null],
      ['punct', ')', null],
    ]);
  });
});
