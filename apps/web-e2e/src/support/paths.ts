import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (this file is apps/web-e2e/src/support/paths.ts). */
export const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
export const API_MAIN = join(ROOT, 'dist/apps/api/main.js');
export const WEB_DIST = join(ROOT, 'dist/apps/web/browser');
/** Gitignored; CI keeps it as an artifact. */
export const SCREENSHOTS = join(ROOT, 'test-results/screenshots');
