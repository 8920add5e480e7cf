import { createHash } from 'node:crypto';
import { cspForHtml } from './security-headers';
import { isServerPath } from './spa';

describe('cspForHtml', () => {
  it('allows exactly the inline scripts and handlers of the page, by hash', () => {
    const html = `<link onload="this.media='all'"><script>window.x=1</script><script src="main.js"></script>`;
    const csp = cspForHtml(html);
    const h = (s: string): string => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    expect(csp).toContain(`script-src 'self' 'unsafe-hashes' ${h('window.x=1')} ${h("this.media='all'")}`);
    expect(csp).not.toContain("'unsafe-inline' 'sha");
  });

  it("keeps script-src 'self' for a page without inline code", () => {
    expect(cspForHtml('<script src="main.js"></script>')).toContain("script-src 'self';");
  });
});

describe('isServerPath', () => {
  it('keeps /api and the queue board away from the SPA fallback', () => {
    expect(isServerPath('/api')).toBe(true);
    expect(isServerPath('/api/x')).toBe(true);
    expect(isServerPath('/admin/queues/ui')).toBe(true);
    expect(isServerPath('/apis')).toBe(false);
    expect(isServerPath('/datasets/1')).toBe(false);
  });
});
