/**
 * The parser, the checker and the in-memory back end run in the browser (the rule editor's live
 * preview): their module graph may import only browser-safe packages and no Node APIs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const LIB = resolve(__dirname, '../../src/lib');
const ENTRIES = [
  'dsl/parse.ts',
  'dsl/format.ts',
  'dsl/validate.ts',
  'dsl/introspect.ts',
  'executors/in-memory.ts',
  'regex/pike.ts',
  'regex/engine.ts',
];
const BROWSER_SAFE_PACKAGES = new Set(['chevrotain', 'arquero', '@dqw/shared-types']);

function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
}

function moduleGraph(): { files: string[]; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = ENTRIES.map((e) => join(LIB, e));
  while (queue.length) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = withoutComments(readFileSync(file, 'utf8'));
    for (const m of source.matchAll(/^(?:import|export)\s[^'";]*?from\s+'([^']+)'/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) queue.push(`${resolve(dirname(file), spec)}.ts`);
      else packages.add(spec);
    }
  }
  return { files: [...seen], packages };
}

describe('browser-safe module graph', () => {
  const { files, packages } = moduleGraph();

  it('imports only browser-safe packages (no re2-wasm, no node: modules)', () => {
    expect(files.length).toBeGreaterThan(10);
    expect([...packages].filter((p) => !BROWSER_SAFE_PACKAGES.has(p))).toEqual([]);
  });

  it('uses no Node globals', () => {
    for (const file of files) {
      const source = withoutComments(readFileSync(file, 'utf8'));
      expect(source, file).not.toMatch(/\b(process|Buffer|require|__dirname|__filename|global)\b\s*[.(]/);
    }
  });
});
