import { datasetDetailFixture, datasetFixture, sampleFixture } from '../runs/testing/fixtures';
import { checkRule, listSchemaOf, previewRule, schemaOf } from './rule-check';

const schema = schemaOf(datasetDetailFixture());
const rows = sampleFixture().rows;
const now = new Date('2026-01-02T00:00:00Z');

function preview(dsl: string, extraRows = rows) {
  const check = checkRule(dsl, { schema });
  if (!check.ast || check.errors.length) throw new Error(`not valid: ${JSON.stringify(check.errors)}`);
  return previewRule(check.ast, { schema, rows: extraRows }, { now });
}

describe('checkRule (in the browser, as the API checks)', () => {
  it('points at a misspelt rule name with its line, column and length', () => {
    const check = checkRule('NOT_NUL(email)', { schema });
    expect(check.ast).toBeNull();
    expect(check.errors).toHaveLength(1);
    expect(check.errors[0]).toMatchObject({ line: 1, column: 1, length: 7 });
    expect(check.errors[0].message).toContain('NOT_NULL');
  });

  it('names an unknown column with close matches, at the column', () => {
    const check = checkRule('NOT_NULL(emial)', { schema });
    expect(check.type).toBe('NOT_NULL');
    expect(check.errors[0]).toMatchObject({ line: 1, column: 10, length: 5 });
    expect(check.errors[0].message).toContain("did you mean 'email'");
  });

  it('accepts a valid rule and gives its canonical form and columns', () => {
    const check = checkRule("in_range(amount, 0, null) where email != 'x' mostly 99.5%", { schema });
    expect(check.errors).toEqual([]);
    expect(check.canonical).toBe("IN_RANGE(amount, 0, NULL) WHERE email != 'x' MOSTLY 99.5%");
    expect(check.columns).toEqual(['amount', 'email']);
  });

  it('checks only the syntax without a dataset, and refuses everything on a dataset without data', () => {
    expect(checkRule('NOT_NULL(anything)', { schema: null }).errors).toEqual([]);
    const noData = checkRule('NOT_NULL(email)', { schema: null, noDataName: 'orders' });
    expect(noData.errors[0].message).toContain("Dataset 'orders' has no data yet");
  });

  it('checks FOREIGN_KEY targets when the other datasets are known', () => {
    const customers = datasetFixture({
      id: 'ds-2',
      name: 'Customers',
      columns: [{ name: 'email', type: 'string' }],
    });
    const resolveSchema = (name: string) =>
      name.toLowerCase() === 'customers' ? listSchemaOf(customers) : undefined;
    expect(
      checkRule('FOREIGN_KEY(email) REFERENCES customers(email)', { schema, resolveSchema }).errors,
    ).toEqual([]);
    const wrong = checkRule('FOREIGN_KEY(email) REFERENCES clients(email)', { schema, resolveSchema });
    expect(wrong.errors[0].message).toContain("Unknown dataset 'clients'");
  });
});

describe('schemaOf', () => {
  it('uses the effective types, the null markers and the key columns that exist', () => {
    const detail = datasetDetailFixture({
      columns: [
        { name: 'order_id', type: 'string' },
        { name: 'created', type: 'timestamp', format: 'YYYY/MM/DD HH:mm:ss' },
      ],
      keyColumns: ['order_id', 'gone'],
    });
    expect(schemaOf(detail)).toEqual({
      columns: [
        { name: 'order_id', type: 'string', format: null, storage: 'text' },
        { name: 'created', type: 'timestamp', format: 'YYYY/MM/DD HH:mm:ss', storage: 'text' },
      ],
      nullMarkers: ['N/A'],
      keyColumns: ['order_id'],
    });
  });
});

describe('previewRule (in-memory back end on sample rows)', () => {
  it('finds the failing rows, counting null markers as null', () => {
    const outcome = preview('NOT_NULL(email)');
    expect(outcome.status).toBe('failed');
    expect([...outcome.failingRows]).toEqual([2, 4]);
    expect(outcome).toMatchObject({ rowsChecked: 6, failedCount: 2, sampleRows: 6, datasetLevel: false });
    expect(outcome.passRate).toBeCloseTo(4 / 6);
  });

  it('passes when the share of passing rows reaches MOSTLY', () => {
    const strict = preview('IN_RANGE(amount, 0, null)');
    expect(strict.status).toBe('failed');
    expect([...strict.failingRows]).toEqual([5]);
    const lenient = preview('IN_RANGE(amount, 0, null) MOSTLY 80%');
    expect(lenient.status).toBe('passed');
    expect(lenient.mostly).toBe('80');
  });

  it('scopes with WHERE and runs patterns on the linear-time engine', () => {
    const outcome = preview("MATCHES(email, '^[a-e]@') WHERE amount > 9");
    // In scope: rows 1, 2, 3, 6 (amount > 9); row 2 is null (passes); row 6 is f@ (fails).
    expect([...outcome.failingRows]).toEqual([6]);
    expect(outcome.rowsChecked).toBe(4);
  });

  it('judges dataset-level rules as a whole, with no failing rows', () => {
    const outcome = preview('ROW_COUNT(10, null)');
    expect(outcome).toMatchObject({ status: 'failed', datasetLevel: true, failedCount: 1 });
    expect(outcome.failingRows.size).toBe(0);
  });

  it('looks FOREIGN_KEY values up in the rows it is given for the other dataset', () => {
    const customers = datasetDetailFixture({
      id: 'ds-2',
      name: 'customers',
      columns: [{ name: 'email', type: 'string' }],
      nullMarkers: [],
      keyColumns: [],
      currentVersion: null,
    });
    const check = checkRule('FOREIGN_KEY(email) REFERENCES customers(email)', { schema });
    if (!check.ast) throw new Error('expected a rule');
    const outcome = previewRule(
      check.ast,
      { schema, rows },
      {
        now,
        resolveRows: () => ({
          schema: schemaOf(customers),
          rows: [{ email: 'a@example.com' }, { email: 'c@example.com' }],
        }),
      },
    );
    expect([...outcome.failingRows]).toEqual([5, 6]);
  });
});
