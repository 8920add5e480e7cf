import { Roles } from '@dqw/shared-types';
import { csv, drainQueue, upload } from '../factories/datasets';
import { describeEachDb } from '../support/db-kinds';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

interface Rec {
  id: string;
  column: string | null;
  type: string;
  dsl: string;
  rationale: string;
  confidence: number;
  status: string;
}

const customers = csv([
  ['customer_id', 'email', 'segment'],
  ...Array.from({ length: 40 }, (_, i) => [i + 1, `c${i + 1}@shop.example`, ['retail', 'b2b'][i % 2]]),
]);
const orders = (n: number, shift = 0) =>
  csv([
    ['order_id', 'customer_id', 'status', 'amount'],
    ...Array.from({ length: n }, (_, i) => [
      i + 1 + shift,
      (i % 40) + 1,
      ['new', 'paid', 'shipped'][i % 3],
      5 + (i % 50),
    ]),
  ]);

describeEachDb('datasets: recommendations', (kind) => {
  let t: TestApp;
  let de: SessionClient;
  let analyst: SessionClient;
  let ordersId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    de = await t.loginAs(Roles.DataEngineer);
    analyst = await t.loginAs(Roles.Analyst);
    expect((await upload(de, '/api/datasets', { content: customers }, { name: 'customers' })).status).toBe(
      201,
    );
    await drainQueue(t);
    const res = await upload(de, '/api/datasets', { content: orders(300) }, { name: 'orders' });
    expect(res.status).toBe(201);
    ordersId = res.body.dataset.id;
    await drainQueue(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const list = async (status = 'proposed'): Promise<Rec[]> => {
    const res = await analyst.get(`/api/datasets/${ordersId}/recommendations?status=${status}&pageSize=200`);
    expect(res.status).toBe(200);
    return res.body.items as Rec[];
  };

  it('proposes rules with rationale and confidence, including a FOREIGN_KEY into the other dataset', async () => {
    const recs = await list();
    const dsl = recs.map((r) => r.dsl);
    expect(dsl).toContain('NOT_NULL(order_id)');
    expect(dsl).toContain("ACCEPTED_VALUES(status, ['new', 'paid', 'shipped'])");
    expect(dsl).toContain('FOREIGN_KEY(customer_id) REFERENCES customers(customer_id)');
    for (const r of recs) {
      expect(r.rationale.length).toBeGreaterThan(10);
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
      expect(r.status).toBe('proposed');
    }
    // Most confident first.
    const c = recs.map((r) => r.confidence);
    expect([...c].sort((a, b) => b - a)).toEqual(c);
  });

  it('dismisses for good: a new version does not propose the same column and rule type again', async () => {
    const notNull = (await list()).find((r) => r.dsl === 'NOT_NULL(order_id)');
    if (!notNull) throw new Error('no NOT_NULL(order_id)');
    expect(
      (await analyst.post(`/api/datasets/${ordersId}/recommendations/${notNull.id}/dismiss`)).status,
    ).toBe(403);
    const res = await de.post(`/api/datasets/${ordersId}/recommendations/${notNull.id}/dismiss`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: notNull.id, status: 'dismissed' });
    expect((await list()).map((r) => r.id)).not.toContain(notNull.id);

    const v2 = await upload(de, `/api/datasets/${ordersId}/versions`, { content: orders(320, 1000) });
    expect(v2.status).toBe(201);
    await drainQueue(t);
    const after = await list();
    expect(after.some((r) => r.type === 'NOT_NULL' && r.column === 'order_id')).toBe(false);
    const all = await list('all');
    expect(all.filter((r) => r.type === 'NOT_NULL' && r.column === 'order_id')).toEqual([
      expect.objectContaining({ id: notNull.id, status: 'dismissed' }),
    ]);
    expect((await list('dismissed')).map((r) => r.id)).toEqual([notNull.id]);
    // Dismissing twice is harmless; unknown ids are 404.
    expect((await de.post(`/api/datasets/${ordersId}/recommendations/${notNull.id}/dismiss`)).status).toBe(
      200,
    );
    expect(
      (
        await de.post(
          `/api/datasets/${ordersId}/recommendations/00000000-0000-4000-8000-000000000009/dismiss`,
        )
      ).status,
    ).toBe(404);
    expect(
      (await analyst.get(`/api/datasets/00000000-0000-4000-8000-000000000009/recommendations`)).status,
    ).toBe(404);
  });

  it('paginates the list', async () => {
    const all = await list();
    const page = await analyst.get(`/api/datasets/${ordersId}/recommendations?pageSize=2&page=2`);
    expect(page.body).toMatchObject({ page: 2, pageSize: 2, total: all.length });
    expect(page.body.items.map((r: Rec) => r.id)).toEqual(all.slice(2, 4).map((r) => r.id));
  });
});
