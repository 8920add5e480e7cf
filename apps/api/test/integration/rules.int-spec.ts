import type {
  Paged,
  RecommendationDto,
  RuleDetailDto,
  RuleVersionDto,
  ValidateRuleResponse,
} from '@dqw/shared-types';
import { Roles } from '@dqw/shared-types';
import { describeEachDb } from '../support/db-kinds';
import { ORDERS_CSV, uploadCsv } from '../support/rules-helpers';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

describeEachDb('rules: CRUD, history, validation, preview', (kind) => {
  let t: TestApp;
  let eng: SessionClient;
  let analyst: SessionClient;
  let orders: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    eng = await t.loginAs(Roles.DataEngineer);
    analyst = await t.loginAs(Roles.Analyst);
    orders = (await uploadCsv(t, eng, ORDERS_CSV, { name: 'orders' })).datasetId;
  });
  afterAll(async () => t?.close());

  const create = (body: object) => eng.post('/api/rules', { datasetId: orders, name: 'r', ...body });

  it('creates a rule with the contract fields; the type comes from the DSL and the creator owns it', async () => {
    const res = await create({
      name: 'Email present',
      dsl: 'not_null(email) mostly 90%',
      severity: 'HIGH',
    }).expect(201);
    const rule = res.body as RuleDetailDto;
    expect(rule).toMatchObject({
      datasetId: orders,
      name: 'Email present',
      description: null,
      dsl: 'not_null(email) mostly 90%',
      type: 'NOT_NULL',
      severity: 'HIGH',
      active: true,
      schedule: null,
      ownerId: eng.me.user.id,
      version: 1,
    });
    expect(Object.keys(rule)).toEqual(
      expect.arrayContaining([
        'id',
        'datasetId',
        'name',
        'description',
        'dsl',
        'type',
        'severity',
        'active',
        'schedule',
        'createdAt',
        'updatedAt',
      ]),
    );
    expect((await analyst.get(`/api/rules/${rule.id}`).expect(200)).body).toEqual(rule);
  });

  it('refuses invalid DSL with the position of the problem', async () => {
    const res = await create({ dsl: 'IN_RANGE(amount, 0 10)' }).expect(400);
    expect(res.body.message).toMatch(/line 1, column 20/);
    expect(res.body.details).toEqual([expect.objectContaining({ line: 1, column: 20, length: 2 })]);
  });

  it('refuses a rule on a column the dataset does not have, naming it and suggesting a close one', async () => {
    const res = await create({ dsl: 'NOT_NULL(emial)' }).expect(400);
    expect(res.body.details).toEqual([
      { line: 1, column: 10, length: 5, message: expect.stringMatching(/Unknown column 'emial'.*'email'/) },
    ]);
  });

  it('refuses patterns RE2 cannot run (backreferences, lookaround)', async () => {
    const back = await create({ dsl: "MATCHES(email, '(a)\\1')" }).expect(400);
    expect(back.body.details[0].message).toMatch(/Backreferences/);
    const look = await create({ dsl: "MATCHES(email, '^(?!x)')" }).expect(400);
    expect(look.body.details[0]).toMatchObject({ line: 1, column: expect.any(Number) });
  });

  it('refuses type mismatches and a FOREIGN_KEY to an unknown dataset', async () => {
    expect((await create({ dsl: "IN_RANGE(amount, 'a', 5)" }).expect(400)).body.details).toHaveLength(1);
    const fk = await create({ dsl: 'FOREIGN_KEY(id) REFERENCES nowhere(id)' }).expect(400);
    expect(fk.body.details[0].message).toMatch(/Unknown dataset 'nowhere'/);
  });

  it('accepts a FOREIGN_KEY to another dataset by name, case-insensitively', async () => {
    await uploadCsv(t, eng, 'cid\n1\n2', { name: 'Customers' });
    const res = await create({ dsl: 'FOREIGN_KEY(id) REFERENCES customers(cid)' }).expect(201);
    expect(res.body.type).toBe('FOREIGN_KEY');
  });

  it('validates cron schedules, naming the problem', async () => {
    const bad = await create({ dsl: 'UNIQUE(id)', schedule: '61 * * * *' }).expect(400);
    expect(bad.body.message).toMatch(/schedule '61 \* \* \* \*'.*59/);
    const six = await create({ dsl: 'UNIQUE(id)', schedule: '0 0 * * * *' }).expect(400);
    expect(six.body.message).toMatch(/6 fields.*five/);
    const junk = await create({ dsl: 'UNIQUE(id)', schedule: 'every day' }).expect(400);
    expect(junk.body.message).toMatch(/schedule/);
    const ok = await create({ dsl: 'UNIQUE(id)', schedule: ' 0  6 * * 1-5 ' }).expect(201);
    expect(ok.body.schedule).toBe('0 6 * * 1-5');
    const alias = await create({ dsl: 'UNIQUE(id)', schedule: '@daily' }).expect(201);
    expect(alias.body.schedule).toBe('@daily');
  });

  it('answers 404 for a rule on a dataset that does not exist, and 400 for malformed fields', async () => {
    await eng
      .post('/api/rules', { datasetId: '00000000-0000-4000-8000-000000000000', name: 'x', dsl: 'UNIQUE(id)' })
      .expect(404);
    const res = await create({ dsl: 'UNIQUE(id)', severity: 'URGENT', name: '  ' }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['name', 'severity']);
    await create({ dsl: 'UNIQUE(id)', name: null }).expect(400);
  });

  it('keeps every edit as a version; an edit that changes nothing makes none', async () => {
    const rule = (await create({ name: 'Amounts', dsl: 'IN_RANGE(amount, 0, 100)' }).expect(201))
      .body as RuleDetailDto;
    const v2 = (await eng.patch(`/api/rules/${rule.id}`, { dsl: 'IN_RANGE(amount, 0, 1000)' }).expect(200))
      .body;
    expect(v2).toMatchObject({ version: 2, dsl: 'IN_RANGE(amount, 0, 1000)', type: 'IN_RANGE' });
    const v3 = (await eng.patch(`/api/rules/${rule.id}`, { severity: 'LOW', description: 'why' }).expect(200))
      .body;
    expect(v3).toMatchObject({ version: 3, severity: 'LOW', description: 'why' });
    const same = (await eng.patch(`/api/rules/${rule.id}`, { severity: 'LOW' }).expect(200)).body;
    expect(same.version).toBe(3);
    const hist = (await analyst.get(`/api/rules/${rule.id}/versions`).expect(200))
      .body as Paged<RuleVersionDto>;
    expect(hist.total).toBe(3);
    expect(hist.items.map((v) => [v.version, v.dsl, v.severity])).toEqual([
      [3, 'IN_RANGE(amount, 0, 1000)', 'LOW'],
      [2, 'IN_RANGE(amount, 0, 1000)', 'MEDIUM'],
      [1, 'IN_RANGE(amount, 0, 100)', 'MEDIUM'],
    ]);
    expect(hist.items[0].id).toBe(v3.versionId);
    expect(hist.items.every((v) => v.createdBy === eng.me.user.id)).toBe(true);
    // A bad edit changes nothing.
    await eng.patch(`/api/rules/${rule.id}`, { dsl: 'IN_RANGE(nope, 0, 1)' }).expect(400);
    expect((await eng.get(`/api/rules/${rule.id}`).expect(200)).body.version).toBe(3);
  });

  it('lists with filters and paging, newest first; deleted rules disappear but keep their history rows', async () => {
    const a = (
      await create({ name: 'Filter me UNIQUE', dsl: 'UNIQUE(id)', severity: 'LOW', active: false }).expect(
        201,
      )
    ).body;
    const list = async (qs: string) =>
      (await analyst.get(`/api/rules?${qs}`).expect(200)).body as Paged<RuleDetailDto>;
    expect((await list(`datasetId=${orders}&q=filter%20ME`)).items.map((r) => r.id)).toEqual([a.id]);
    expect((await list(`datasetId=${orders}&active=false`)).items.map((r) => r.id)).toEqual([a.id]);
    const uniques = await list(`datasetId=${orders}&type=UNIQUE&pageSize=2&page=1`);
    expect(uniques.pageSize).toBe(2);
    expect(uniques.items[0].id).toBe(a.id);
    expect(uniques.total).toBeGreaterThanOrEqual(3);
    expect((await list('q=%25%25')).total).toBe(0); // % is a literal, not a wildcard
    await analyst.get('/api/rules?type=BOGUS').expect(400);
    await eng.delete(`/api/rules/${a.id}`).expect(204);
    await eng.get(`/api/rules/${a.id}`).expect(404);
    await eng.delete(`/api/rules/${a.id}`).expect(404);
    await eng.patch(`/api/rules/${a.id}`, { name: 'x' }).expect(404);
    expect((await list(`datasetId=${orders}&q=filter%20ME`)).total).toBe(0);
  });

  it('deletes the rules of a deleted dataset (the datasets module calls the listener), keeping their history', async () => {
    const ds = (await uploadCsv(t, eng, 'k\n1', { name: 'gone' })).datasetId;
    const r = (await eng.post('/api/rules', { datasetId: ds, name: 'k', dsl: 'UNIQUE(k)' }).expect(201)).body;
    await eng.delete(`/api/datasets/${ds}`).expect(200);
    await eng.get(`/api/rules/${r.id}`).expect(404);
    expect((await eng.get(`/api/rules?datasetId=${ds}`).expect(200)).body.total).toBe(0);
    const versions = await t.dataSource.query(
      `SELECT COUNT(*) AS n FROM rule_versions WHERE rule_id = '${r.id}'`,
    );
    expect(Number(versions[0].n)).toBe(1);
  });

  it('accepts a recommendation (as proposed or edited) as a new rule, once', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `${i + 1},${'abc'[i % 3]},X${1000 + i}`);
    const ds = (await uploadCsv(t, eng, ['id,status,code', ...rows].join('\n'), { name: 'recs' })).datasetId;
    const recs = (await eng.get(`/api/datasets/${ds}/recommendations`).expect(200))
      .body as Paged<RecommendationDto>;
    expect(recs.items.length).toBeGreaterThanOrEqual(2);
    const [first, second] = recs.items;
    const url = (r: RecommendationDto) => `/api/datasets/${ds}/recommendations/${r.id}/accept`;
    await analyst.post(url(first), {}).expect(403);
    const rule = (await eng.post(url(first), { severity: 'HIGH' }).expect(201)).body as RuleDetailDto;
    expect(rule).toMatchObject({
      datasetId: ds,
      dsl: first.dsl,
      severity: 'HIGH',
      description: first.rationale,
      ownerId: eng.me.user.id,
    });
    const again = await eng.post(url(first), {}).expect(409);
    expect(again.body.message).toMatch(/already accepted/);
    // An edited DSL is validated like any rule; a bad one changes nothing.
    const bad = await eng.post(url(second), { dsl: 'NOT_NULL(nope)' }).expect(400);
    expect(bad.body.details[0]).toMatchObject({ line: 1, column: 10 });
    const edited = (await eng.post(url(second), { dsl: 'UNIQUE(id) MOSTLY 99%', name: 'Edited' }).expect(201))
      .body;
    expect(edited).toMatchObject({ name: 'Edited', dsl: 'UNIQUE(id) MOSTLY 99%', type: 'UNIQUE' });
    const after = (await eng.get(`/api/datasets/${ds}/recommendations?status=all`).expect(200))
      .body as Paged<RecommendationDto>;
    expect(after.items.filter((r) => r.id === first.id || r.id === second.id).map((r) => r.status)).toEqual([
      'accepted',
      'accepted',
    ]);
    await eng
      .post(`/api/datasets/${ds}/recommendations/00000000-0000-4000-8000-000000000000/accept`, {})
      .expect(404);
  });

  it('lets analysts read, validate and preview but not change rules', async () => {
    await analyst.post('/api/rules', { datasetId: orders, name: 'x', dsl: 'UNIQUE(id)' }).expect(403);
    await analyst.post('/api/rules/validate', { dsl: 'UNIQUE(id)' }).expect(200);
  });

  it('validates DSL with and without a dataset', async () => {
    const syntax = (await analyst.post('/api/rules/validate', { dsl: 'unique(nope)' }).expect(200))
      .body as ValidateRuleResponse;
    expect(syntax).toEqual({
      valid: true,
      errors: [],
      type: 'UNIQUE',
      canonical: 'UNIQUE(nope)',
      columns: ['nope'],
    });
    const schema = (
      await analyst.post('/api/rules/validate', { dsl: 'unique(nope)', datasetId: orders }).expect(200)
    ).body;
    expect(schema).toMatchObject({
      valid: false,
      type: 'UNIQUE',
      errors: [{ line: 1, column: 8, length: 4 }],
    });
    const broken = (await analyst.post('/api/rules/validate', { dsl: 'NOT_NULL(' }).expect(200)).body;
    expect(broken).toMatchObject({ valid: false, type: null, errors: [{ line: 1, column: 10 }] });
    await analyst
      .post('/api/rules/validate', { dsl: 'UNIQUE(id)', datasetId: '00000000-0000-4000-8000-000000000000' })
      .expect(404);
    await analyst.post('/api/rules/validate', {}).expect(400);
  });

  it('previews a rule on a sample without storing anything', async () => {
    const before = await t.dataSource.query('SELECT COUNT(*) AS n FROM rule_runs');
    const res = await analyst
      .post('/api/rules/preview', { datasetId: orders, dsl: 'IN_RANGE(amount, 0, 1000)' })
      .expect(200);
    expect(res.body).toMatchObject({
      datasetId: orders,
      type: 'IN_RANGE',
      sampleRows: 7,
      status: 'failed',
      rowsChecked: 7,
      failedCount: 2,
      error: null,
      columns: ['id', 'email', 'amount', 'status', 'created_at'],
    });
    expect(res.body.passRate).toBeCloseTo(5 / 7, 10);
    expect(
      res.body.failingRows.map((r: { rowNumber: number; values: { amount: string } }) => [
        r.rowNumber,
        r.values.amount,
      ]),
    ).toEqual([
      [3, '-5'],
      [5, '99999'],
    ]);
    const small = await analyst
      .post('/api/rules/preview', { datasetId: orders, dsl: 'NOT_NULL(email)', sampleSize: 1 })
      .expect(200);
    expect(small.body).toMatchObject({ sampleRows: 1, status: 'passed', failedCount: 0 });
    expect(small.body.notes[0]).toMatch(/first 1 rows/);
    await analyst.post('/api/rules/preview', { datasetId: orders, dsl: 'NOT_NULL(nope)' }).expect(400);
    await analyst
      .post('/api/rules/preview', { datasetId: orders, dsl: 'UNIQUE(id)', sampleSize: 100_000 })
      .expect(400);
    expect(await t.dataSource.query('SELECT COUNT(*) AS n FROM rule_runs')).toEqual(before);
  });

  it('records rule changes in the audit log, not validations or previews', async () => {
    const rule = (await create({ name: 'Audited', dsl: 'UNIQUE(id)' }).expect(201)).body;
    await eng.patch(`/api/rules/${rule.id}`, { severity: 'HIGH' }).expect(200);
    await eng.post('/api/rules/validate', { dsl: 'UNIQUE(id)' }).expect(200);
    const admin = await t.loginAs(Roles.Admin);
    const entries = (await admin.get(`/api/audit?entityId=${rule.id}`).expect(200)).body.items;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['rule.update', 'rule.create']);
    expect(entries[0].changes).toEqual({ before: { severity: 'MEDIUM' }, after: { severity: 'HIGH' } });
    const validations = (await admin.get('/api/audit?action=http.post').expect(200)).body.items;
    expect(validations.filter((e: { summary: string }) => e.summary.includes('/rules/validate'))).toEqual([]);
  });
});
