import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a demo file is: next to the bundle in a build (`dist/apps/api/assets/demo`, copied by the
 * webpack assets option), or in the sources when running from TypeScript (tests).
 */
export function demoAsset(file: string): string {
  const candidates = [
    join(__dirname, 'assets', 'demo', file),
    join(__dirname, '..', '..', 'assets', 'demo', file),
    join(process.cwd(), 'apps', 'api', 'src', 'assets', 'demo', file),
  ];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Demo file ${file} not found (looked in ${candidates.join(', ')})`);
  return found;
}
