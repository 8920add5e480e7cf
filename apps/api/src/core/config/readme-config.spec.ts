import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// README's promise: every setting is listed there with its default. This keeps the two in step.
describe('README configuration', () => {
  it('lists every environment variable the config reads', () => {
    const source = readFileSync(join(__dirname, 'config.ts'), 'utf8');
    const read = new Set(
      [...source.matchAll(/\(env, '([A-Z][A-Z0-9_]+)'|env\['([A-Z][A-Z0-9_]+)'\]/g)].map((m) => m[1] ?? m[2]),
    );
    expect(read.size).toBeGreaterThan(30);
    const readme = readFileSync(join(__dirname, '../../../../../README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
    );
    const listed = new Set([...section.matchAll(/^\| `([A-Z][A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]));
    expect([...read].filter((v) => !listed.has(v))).toEqual([]);
  });
});
