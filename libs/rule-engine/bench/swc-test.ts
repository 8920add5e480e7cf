import { parseRule } from '../src/lib/dsl/parse';
import { compileRuleSet } from '../src/lib/sql/compile';
import { duckdbDialect } from '../src/lib/sql/dialects';
const r = parseRule('NOT_NULL(a)');
console.log(
  r.ok,
  compileRuleSet(
    duckdbDialect,
    {
      name: 'x',
      schema: { columns: [{ name: 'a', type: 'string' }], nullMarkers: [] },
      source: { kind: 'csv', path: 'x' },
    },
    r.ok ? [{ id: '1', ast: r.ast }] : [],
  ).statement?.sql.length,
);
