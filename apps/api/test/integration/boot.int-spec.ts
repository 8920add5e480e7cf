import { describeEachDb } from '../support/db-kinds';
import { startTestApp, TestApp } from '../support/test-app';

describeEachDb('boot', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves health', async () => {
    const r = await t.http().get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body.checks.database.status).toBe('ok');
  });
});
