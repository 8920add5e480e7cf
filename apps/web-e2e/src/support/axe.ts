import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/**
 * WCAG 2.1 A/AA (and axe's best practices) on the current page, as readable lines; [] when clean.
 * Injected through evaluate, which the page's CSP does not govern, so the CSP stays on for the test.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // `void 0` at the end: the script's completion value (axe itself) must not be sent back to Node.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${axeSource}\n;void 0;`);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<AxeResult> } };
    const result = await w.axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    });
    return result.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  });
}
