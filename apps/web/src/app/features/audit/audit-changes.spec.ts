import { describeChanges } from './audit-changes';

describe('describeChanges', () => {
  it('lines up before and after field by field and marks what changed', () => {
    const { rows, raw } = describeChanges({
      before: { role: 'Analyst', active: true, displayName: 'Ana' },
      after: { role: 'Admin', active: true, displayName: 'Ana' },
    });
    expect(rows).toEqual([
      { field: 'role', before: 'Analyst', after: 'Admin', changed: true },
      { field: 'active', before: 'true', after: 'true', changed: false },
      { field: 'displayName', before: 'Ana', after: 'Ana', changed: false },
    ]);
    expect(raw).toBeNull();
  });

  it('shows a creation (no before) and a deletion (no after) with dashes', () => {
    expect(describeChanges({ before: null, after: { email: 'a@x' } }).rows).toEqual([
      { field: 'email', before: '—', after: 'a@x', changed: true },
    ]);
    expect(describeChanges({ before: { email: 'a@x' }, after: null }).rows).toEqual([
      { field: 'email', before: 'a@x', after: '—', changed: true },
    ]);
  });

  it('keeps nested values readable and any extra keys as JSON', () => {
    const { rows, raw } = describeChanges({ before: {}, after: { tags: ['a', 'b'] }, reason: 'bulk' });
    expect(rows[0]).toEqual({ field: 'tags', before: '—', after: '["a","b"]', changed: true });
    expect(raw).toContain('"reason": "bulk"');
  });

  it('falls back to JSON for other shapes, and to nothing for no changes', () => {
    expect(describeChanges({ ip: '1.2.3.4' })).toEqual({ rows: [], raw: '{\n  "ip": "1.2.3.4"\n}' });
    expect(describeChanges(null)).toEqual({ rows: [], raw: null });
    expect(describeChanges('free text')).toEqual({ rows: [], raw: 'free text' });
  });
});
