import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_KB, checkBundle, filesOfIndex, measureInitial } from './check-bundle.mjs';

const SCRIPT = fileURLToPath(new URL('./check-bundle.mjs', import.meta.url));
const WEB_DIST = fileURLToPath(new URL('../../../dist/apps/web/browser', import.meta.url));
const dirs = [];

/** A built-app look-alike: index.html plus files; sizes are predictable because random base64 compresses little. */
function fixture(files) {
  const dir = mkdtempSync(join(tmpdir(), 'dqw-bundle-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
// About 0.75 kB gzip per kB: base64 carries 6 bits per character.
const noise = (kb) => `/*${randomBytes(Math.ceil((kb * 1000 * 3) / 4)).toString('base64')}*/`;
const INDEX = `<!doctype html><html><head><script src="theme-init.js"></script>
<link rel="stylesheet" href="styles.css"><link rel="icon" href="favicon.ico"></head>
<body><link rel="modulepreload" href="chunk-a.js"><script src="main.js" type="module"></script></body></html>`;

function run(dir, ...args) {
  return spawnSync(process.execPath, [SCRIPT, dir, ...args], { encoding: 'utf8' });
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('check-bundle', () => {
  it('reads the scripts, stylesheets and modulepreloads of index.html, not icons', () => {
    expect(filesOfIndex(INDEX)).toEqual(['theme-init.js', 'styles.css', 'chunk-a.js', 'main.js']);
  });

  it('follows static imports past the preload links, but not dynamic import() of lazy routes', () => {
    const dir = fixture({
      'index.html': INDEX,
      'theme-init.js': 'void 0;',
      'styles.css': 'body{}',
      'main.js': 'import{a}from"./chunk-a.js";import"./chunk-b.js";const r=()=>import("./chunk-lazy.js");',
      'chunk-a.js': 'export*from"./chunk-c.js";export const a=1;',
      'chunk-b.js': 'void 0;',
      'chunk-c.js': 'export const c=1;',
      'chunk-lazy.js': noise(400),
    });
    expect(
      measureInitial(dir)
        .map((f) => f.file)
        .sort(),
    ).toEqual(['chunk-a.js', 'chunk-b.js', 'chunk-c.js', 'main.js', 'styles.css', 'theme-init.js']);
    expect(run(dir).status).toBe(0);
  });

  it('fails above the budget, counting a chunk only main.js imports, and names the overshoot', () => {
    const dir = fixture({
      'index.html': INDEX,
      'theme-init.js': 'void 0;',
      'styles.css': 'body{}',
      'main.js': 'import"./chunk-a.js";import"./chunk-big.js";',
      'chunk-a.js': 'void 0;',
      'chunk-big.js': noise(400), // about 300 kB gzip
    });
    const result = checkBundle(dir);
    expect(result.ok).toBe(false);
    expect(result.gzip).toBeGreaterThan(DEFAULT_MAX_KB * 1000);
    const cli = run(dir);
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/exceeds the 250 kB budget by \d+\.\d\d kB/);
    expect(cli.stdout).toContain('chunk-big.js');
    // The same bundle passes a budget it fits in.
    expect(run(dir, '--max-kb=400').status).toBe(0);
  });

  it('fails when index.html names a file the build did not write', () => {
    const dir = fixture({ 'index.html': '<script src="main.js" type="module"></script>' });
    const cli = run(dir);
    expect(cli.status).toBe(1);
    expect(cli.stderr).toContain('index.html loads main.js');
  });

  it('keeps the production build of the web app under 250 kB gzip', () => {
    const result = checkBundle(WEB_DIST);
    console.log(result.report);
    expect(result.files.some((f) => /^main-.*\.js$/.test(f.file))).toBe(true);
    expect(result.ok, result.report).toBe(true);
  });
});
