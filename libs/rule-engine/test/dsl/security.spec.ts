/**
 * Attempts to escape the expression language (issue 3, DESIGN §8): each is refused with a parse or
 * validation error, or neutralised — treated as plain data.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatRule,
  parseRule,
  runInMemory,
  validateRule,
  type DatasetSchema,
  type RuleAst,
} from '../../src';

const schema: DatasetSchema = {
  columns: [
    { name: 'name', type: 'string' },
    { name: 'amount', type: 'decimal' },
  ],
  nullMarkers: [],
};

function refused(text: string): string {
  const parsed = parseRule(text);
  if (!parsed.ok) return parsed.errors[0].message;
  const errors = validateRule(parsed.ast, schema);
  if (errors.length) return errors[0].message;
  throw new Error(`${text} was accepted`);
}

function accepted(text: string): RuleAst {
  const parsed = parseRule(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.ast;
}

describe('refused: nothing outside the fixed function list can be named or called', () => {
  it.each([
    ['CUSTOM(constructor)', /Unknown column 'constructor'/],
    ["CUSTOM(constructor.constructor('return process')() = 1)", /Unexpected character '\.'/],
    ['CUSTOM(__proto__ = 1)', /Unknown column '__proto__'/],
    ['CUSTOM(name.__proto__ = 1)', /Unexpected character '\.'/],
    ["CUSTOM(name['constructor'] = 1)", /Expected .* but found '\['/],
    ['CUSTOM(process.exit() = 1)', /Unexpected character '\.'/],
    ['CUSTOM(process = 1)', /Unknown column 'process'/],
    ['CUSTOM(exit() = 1)', /Unknown function 'exit'/],
    ['CUSTOM(this = 1)', /Unknown column 'this'/],
    ['CUSTOM(globalThis = 1)', /Unknown column 'globalThis'/],
    ["CUSTOM(system('ls'))", /Unknown function 'system'/],
    ["CUSTOM(eval('1') = 1)", /Unknown function 'eval'/],
    ["CUSTOM(require('fs') = 1)", /Unknown function 'require'/],
    ["CUSTOM(Function('return 1') = 1)", /Unknown function 'Function'/],
    ["CUSTOM(Function('return 1')() = 1)", /Expected '\)' but found '\('/],
    ['CUSTOM(toString() = 1)', /Unknown function 'toString'/],
    ['CUSTOM(valueOf() = 1)', /Unknown function 'valueOf'/],
    ['CUSTOM(hasOwnProperty() = 1)', /Unknown function 'hasOwnProperty'/],
    ['CUSTOM(${name} = 1)', /Unexpected character '\$'/],
    ['CUSTOM(`name` = 1)', /Unexpected character '`'/],
    ['CUSTOM(name = 1; DROP TABLE t)', /Unexpected character ';'/],
    ["CUSTOM(pg_sleep(10) = '')", /Unknown function 'pg_sleep'/],
    ["CUSTOM(name = 'a' || 'b')", /Unexpected character '\|'/],
    ['CUSTOM("length"(name) > 1)', /Expected .* but found '\('/],
    ['NOT_NULL("x""); DROP TABLE t; --")', /Unknown column 'x"\); DROP TABLE t; --'/],
    ['CUSTOM(regexp_like(name, name))', /pattern of regexp_like must be a string literal/],
    ["MATCHES(name, '(?<=x)')", /Lookbehind/],
  ])('%s', (text, message) => {
    expect(refused(text)).toMatch(message);
  });
});

describe('neutralised: hostile text inside strings and quoted names is data', () => {
  const hostile = [
    "x'); DROP TABLE t; --",
    '${process.exit(1)}',
    '`rm -rf /`',
    "'; SELECT pg_sleep(10); --",
    '" OR 1=1 --',
    '\\x27; DROP TABLE t',
    '__proto__',
    'constructor',
  ];

  it.each(hostile)('a string %j is compared as text, printed back escaped', (value) => {
    const text = `CUSTOM(name != ${`'${value.replace(/'/g, "''")}'`})`;
    const ast = accepted(text);
    expect(ast).toMatchObject({ predicate: { right: { kind: 'string', value } } });
    expect(formatRule(ast)).toBe(text);
    const rows = [
      { name: value, amount: '1' },
      { name: 'ok', amount: '2' },
    ];
    const result = runInMemory([{ id: 'r', ast }], { schema, rows }).results[0];
    expect(result).toMatchObject({
      verdict: 'FAILED',
      failedCount: 1,
      samples: [{ rowNumber: 1, values: { name: value } }],
    });
  });

  it.each(hostile)('a quoted column name %j is just a name', (columnName) => {
    const quoted = `"${columnName.replace(/"/g, '""')}"`;
    const ast = accepted(`NOT_NULL(${quoted})`);
    expect(ast).toMatchObject({ column: { name: columnName } });
    const s: DatasetSchema = { columns: [{ name: columnName, type: 'string' }], nullMarkers: [] };
    expect(validateRule(ast, s)).toEqual([]);
    const rows = [Object.fromEntries([[columnName, 'v']]), Object.fromEntries([[columnName, ' ']])];
    expect(runInMemory([{ id: 'r', ast }], { schema: s, rows }).results[0]).toMatchObject({ failedCount: 1 });
  });

  it('rows cannot pollute prototypes, and results carry no inherited keys', () => {
    const rows = [
      JSON.parse('{"name": "a", "__proto__": {"polluted": "yes"}, "amount": "1"}') as Record<string, string>,
    ];
    const ast = accepted('CUSTOM(amount > 5)');
    const out = runInMemory([{ id: 'r', ast }], { schema, rows });
    expect(out.results[0].samples[0].values).toEqual({ name: 'a', amount: '1' });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('compiled, never evaluated', () => {
  it('no eval, Function or string-compiled code in the parser, the expression language or the back end', () => {
    const root = join(__dirname, '../../src/lib');
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && !path.endsWith('.spec.ts')) files.push(path);
      }
    };
    for (const dir of ['dsl', 'expression', 'executors', 'semantics', 'regex']) walk(join(root, dir));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      expect(source, file).not.toMatch(
        /\beval\s*\(|\bnew\s+Function\b|\bFunction\s*\(|setTimeout\s*\(\s*['"`]/,
      );
    }
  });
});
