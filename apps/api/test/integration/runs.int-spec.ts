import type {
  DatasetVersionDto,
  EvidenceDto,
  Paged,
  RunDetailDto,
  RunRulesResponse,
  ServerEvent,
} from '@dqw/shared-types';
import { Roles } from '@dqw/shared-types';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EventBus } from '../../src/core/events';
import { RunMaintenance } from '../../src/modules/rules/runs/run-maintenance.service';
import { RunOutcomeHooks, type RunOutcome } from '../../src/modules/rules/runs/run-outcome-hooks';
import { RunsService } from '../../src/modules/rules/runs/runs.service';
import { IdempotencyKey } from '../../src/modules/rules/idempotency-key.entity';
import { DatasetVersion } from '../../src/modules/datasets/entities/dataset-version.entity';
import { IDEMPOTENCY_STALE_CLAIM_MS } from '../../src/modules/rules/idempotency.service';
import { DataSource } from 'typeorm';
import {
  DATASET_VERSION_LISTENER,
  type DatasetVersionListener,
} from '../../src/modules/rules/dataset-listener';
import { DatasetAccess } from '../../src/modules/datasets';
import { describeEachDb } from '../support/db-kinds';
import { ORDERS_CSV, uploadCsv, waitForRun } from '../support/rules-helpers';
import { startTestApp, type SessionClient, type TestApp } from '../support/test-app';

describeEachDb('runs: lifecycle, evidence, idempotency, triggers', (kind) => {
  let t: TestApp;
  let eng: SessionClient;
  let analyst: SessionClient;
  let orders: string;
  let ordersVersion: string;
  const events: ServerEvent[] = [];
  const outcomes: RunOutcome[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind, { env: { EVIDENCE_ROWS: '2', EVIDENCE_RETENTION_DAYS: '1' } });
    eng = await t.loginAs(Roles.DataEngineer);
    analyst = await t.loginAs(Roles.Analyst);
    ({ datasetId: orders, versionId: ordersVersion } = await uploadCsv(t, eng, ORDERS_CSV, {
      name: 'orders',
    }));
    t.app.get(EventBus).subscribe((e) => events.push(e));
    t.app.get(RunOutcomeHooks).register('test', (o) => {
      outcomes.push(o);
    });
  });
  afterAll(async () => t?.close());

  const rule = async (dsl: string, extra: object = {}, datasetId = orders): Promise<string> =>
    (await eng.post('/api/rules', { datasetId, name: dsl, dsl, ...extra }).expect(201)).body.id as string;
  const run = async (body: object): Promise<RunRulesResponse> =>
    (await eng.post('/api/rules/run', body).expect(202)).body as RunRulesResponse;
  const finished = (id: string) => waitForRun((u) => analyst.get(u), id);

  it("answers each listed rule's newest run in one request, and refuses a request naming no rules", async () => {
    const ran = await rule('NOT_NULL(id)');
    const twice = await rule('NOT_NULL(status)');
    const never = await rule('NOT_NULL(amount)', { active: false });
    await finished((await run({ ruleIds: [ran] })).runs[0].id);
    const first = await finished((await run({ ruleIds: [twice] })).runs[0].id);
    const second = await finished((await run({ ruleIds: [twice] })).runs[0].id);
    expect(second.id).not.toBe(first.id);

    const res = await analyst
      .get(`/api/runs/latest?ruleIds=${[ran, twice, never, twice].join(',')}`)
      .expect(200);
    const items = (res.body as { items: RunDetailDto[] }).items;
    expect(items.map((r) => [r.ruleId, r.status])).toEqual([
      [ran, 'passed'],
      [twice, second.status],
    ]);
    expect(items[1].id).toBe(second.id);
    // Repeated parameters work as well as a comma-separated list.
    const repeated = await analyst.get(`/api/runs/latest?ruleIds=${ran}&ruleIds=${never}`).expect(200);
    expect((repeated.body as { items: RunDetailDto[] }).items.map((r) => r.ruleId)).toEqual([ran]);

    for (const [query, message] of [
      ['', /ruleIds must name at least one rule/],
      ['?ruleIds=', /ruleIds must name at least one rule/],
      ['?ruleIds=not-a-uuid', /each of ruleIds must be a rule id/],
      [`?ruleIds=${Array.from({ length: 201 }, () => ran).join(',')}`, /at most 200 rules/],
    ] as const) {
      const bad = await analyst.get(`/api/runs/latest${query}`).expect(400);
      expect(JSON.stringify(bad.body)).toMatch(message);
    }
  });

  it('runs the rules of a dataset in one scan and stores exact verdicts, counts and evidence', async () => {
    const notNull = await rule('NOT_NULL(email)');
    const range = await rule('IN_RANGE(amount, 0, 1000)', { severity: 'HIGH' });
    const unique = await rule('UNIQUE(id)');
    const values = await rule("ACCEPTED_VALUES(status, ['paid', 'new', 'shipped']) MOSTLY 50%");
    const rows = await rule('ROW_COUNT(10, null)');
    const ids = [notNull, range, unique, values, rows];
    const res = await run({ ruleIds: ids });
    expect(res.runs.map((r) => [r.ruleId, r.status])).toEqual(ids.map((id) => [id, 'queued']));

    const byRule = new Map<string, RunDetailDto>();
    for (const r of res.runs) byRule.set(r.ruleId, await finished(r.id));
    expect(byRule.get(notNull)).toMatchObject({
      status: 'failed',
      verdict: 'FAILED',
      rowsChecked: 7,
      failedCount: 1,
      error: null,
    });
    expect(byRule.get(notNull)?.passRate).toBeCloseTo(6 / 7, 12);
    expect(byRule.get(range)).toMatchObject({ status: 'failed', rowsChecked: 7, failedCount: 2 });
    expect(byRule.get(unique)).toMatchObject({
      status: 'passed',
      rowsChecked: 7,
      failedCount: 0,
      passRate: 1,
    });
    expect(byRule.get(values)).toMatchObject({ status: 'failed', rowsChecked: 7, failedCount: 4 });
    expect(byRule.get(rows)).toMatchObject({ status: 'failed', rowsChecked: 7, failedCount: 1, passRate: 0 });

    const detail = await finished(res.runs[0].id);
    expect(detail).toMatchObject({
      ruleId: notNull,
      datasetId: orders,
      datasetVersionId: ordersVersion,
      trigger: 'manual',
      attempts: 1,
      ruleVersion: 1,
      ruleName: 'NOT_NULL(email)',
      dsl: 'NOT_NULL(email)',
      evidenceRows: 1,
      evidenceAvailable: true,
    });
    expect(detail.plan).toMatchObject({ scans: 1, batchSize: 5, rowsScanned: 7 });
    expect(detail.plan?.sampleQueries).toBe(3); // the failing row-level rules; ROW_COUNT has no rows to show
    expect(new Date(detail.finishedAt as string).getTime()).toBeGreaterThanOrEqual(
      new Date(detail.startedAt as string).getTime(),
    );
    expect(detail.durationMs).toBe(
      new Date(detail.finishedAt as string).getTime() - new Date(detail.startedAt as string).getTime(),
    );

    const ev = (await analyst.get(`/api/runs/${res.runs[0].id}/evidence`).expect(200)).body as EvidenceDto;
    expect(ev).toMatchObject({
      failedCount: 1,
      truncated: false,
      columns: ['id', 'email', 'amount', 'status', 'created_at'],
    });
    expect(ev.rows).toEqual([
      {
        rowNumber: 2,
        values: { id: '2', email: null, amount: '20', status: 'new', created_at: '2024-01-02' },
      },
    ]);
    // EVIDENCE_ROWS=2 keeps the first two of four failing rows.
    const valuesRun = res.runs.find((r) => r.ruleId === values)?.id as string;
    const ev2 = (await analyst.get(`/api/runs/${valuesRun}/evidence`).expect(200)).body as EvidenceDto;
    expect(ev2).toMatchObject({ failedCount: 4, truncated: true });
    expect(ev2.rows.map((r) => r.rowNumber)).toEqual([4, 5]);
    // Passing runs have empty evidence.
    const uniqueRun = res.runs.find((r) => r.ruleId === unique)?.id as string;
    expect((await analyst.get(`/api/runs/${uniqueRun}/evidence`).expect(200)).body.rows).toEqual([]);

    // Events: queued, running and the final state for every run; progress of the batch.
    const mine = events.filter((e) => e.type === 'run.updated' && e.data['id'] === res.runs[0].id);
    expect(mine.map((e) => e.data['status'])).toEqual(['queued', 'running', 'failed']);
    const progressOf = () =>
      events
        .filter((e) => e.type === 'run.progress' && (e.data['runIds'] as string[]).includes(res.runs[0].id))
        .map((e) => e.data['percent']);
    const t0 = Date.now();
    while (!progressOf().includes(100) && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
    expect(progressOf()).toEqual([5, 15, 85, 100]);
    // Hooks: every finished run, with its stored result (at least once: a failing hook elsewhere retries).
    const delivered = outcomes.filter((o) => ids.includes(o.run.ruleId));
    expect([...new Set(delivered.map((o) => o.run.id))].sort()).toEqual(res.runs.map((r) => r.id).sort());
    expect(delivered.find((o) => o.run.ruleId === notNull)?.run).toMatchObject({
      status: 'failed',
      failedCount: 1,
    });
    expect(outcomes.find((o) => o.run.ruleId === range)?.rule).toMatchObject({
      severity: 'HIGH',
      ownerId: eng.me.user.id,
      deleted: false,
    });
  });

  it('escapes spreadsheet formulas in the evidence CSV', async () => {
    const id = await rule("ACCEPTED_VALUES(status, ['paid', 'new'])", {}, orders);
    const { runs } = await run({ ruleIds: [id] });
    await finished(runs[0].id);
    // Evidence keeps 2 rows: =SUM(A1:A9) and +cmd.
    const res = await analyst.get(`/api/runs/${runs[0].id}/evidence.csv`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="run-${runs[0].id}-evidence.csv"`);
    expect(res.text).toBe(
      'row_number,id,email,amount,status,created_at\r\n' +
        "4,4,c@x.com,30,'=SUM(A1:A9),2024-01-04\r\n" +
        "5,5,d@x.com,99999,'+cmd,2024-01-05\r\n",
    );
  });

  it('runs every active rule of a dataset for datasetId, and refuses what cannot run', async () => {
    const { datasetId: ds } = await uploadCsv(t, eng, 'k\n1\n1', { name: 'small' });
    await eng.post('/api/rules/run', { datasetId: ds }).expect(400);
    const a = await rule('UNIQUE(k)', {}, ds);
    await rule('NOT_NULL(k)', { active: false }, ds);
    const { runs } = await run({ datasetId: ds });
    expect(runs.map((r) => r.ruleId)).toEqual([a]);
    expect(await finished(runs[0].id)).toMatchObject({ status: 'failed', failedCount: 2 });

    await eng.post('/api/rules/run', {}).expect(400);
    await eng.post('/api/rules/run', { ruleIds: ['00000000-0000-4000-8000-000000000000'] }).expect(404);
    await eng.post('/api/rules/run', { ruleIds: [a], datasetId: orders }).expect(400);
    await eng.post('/api/rules/run', { ruleIds: 'x' }).expect(400);
    await eng.post('/api/rules/run', { datasetId: '00000000-0000-4000-8000-000000000000' }).expect(404);
    await analyst.post('/api/rules/run', { ruleIds: [a] }).expect(403);
  });

  it('answers 404 for a run of a deleted dataset, and ends a run in ERROR when its dataset is deleted mid-way', async () => {
    const { datasetId: ds } = await uploadCsv(t, eng, 'k\n1', { name: 'doomed' });
    const a = await rule('NOT_NULL(k)', {}, ds);
    // Hold the run at the moment it opens the dataset, delete the dataset, then let it go on.
    const access = t.app.get(DatasetAccess);
    const open = access.open.bind(access);
    let release = () => undefined as void;
    const gate = new Promise<void>((r) => (release = r));
    access.open = async (...args) => {
      await gate;
      return open(...args);
    };
    try {
      const { runs } = await run({ ruleIds: [a] });
      const t0 = Date.now();
      while (
        (await analyst.get(`/api/runs/${runs[0].id}`)).body.status !== 'running' &&
        Date.now() - t0 < 5000
      ) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await eng.delete(`/api/datasets/${ds}`).expect(200);
      release();
      const r = await finished(runs[0].id);
      expect(r).toMatchObject({ status: 'error', verdict: 'ERROR', rowsChecked: null, failedCount: null });
      expect(r.error).toMatch(/no longer exists/);
    } finally {
      access.open = open;
    }
    const again = await eng.post('/api/rules/run', { datasetId: ds }).expect(404);
    expect(again.body.message).toMatch(/Dataset .* not found/);
    // Its rules went with it.
    expect((await eng.post('/api/rules/run', { ruleIds: [a] }).expect(404)).body.message).toMatch(
      /Rule .* not found/,
    );
  });

  it('ends an upload-triggered run in ERROR naming the column the new version dropped', async () => {
    const { datasetId: ds } = await uploadCsv(t, eng, 'k,v\n1,a', { name: 'drift' });
    const a = await rule('NOT_NULL(v)', {}, ds);
    const b = await rule('NOT_NULL(k)', {}, ds);
    const { versionId: v2 } = await uploadCsv(t, eng, 'k\n1\n2', { datasetId: ds });
    let list: Paged<RunDetailDto> = { items: [], total: 0, page: 1, pageSize: 50 };
    const t0 = Date.now();
    while (Date.now() - t0 < 20_000) {
      list = (await analyst.get(`/api/runs?datasetId=${ds}&trigger=upload`).expect(200)).body;
      // Only this version's runs (the first version's may also have run, if its listener call came late).
      list.items = list.items.filter((r) => r.datasetVersionId === v2);
      if (list.items.length === 2 && list.items.every((r) => r.status !== 'queued' && r.status !== 'running'))
        break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const ra = list.items.find((r) => r.ruleId === a);
    const rb = list.items.find((r) => r.ruleId === b);
    expect(ra).toMatchObject({ status: 'error', datasetVersionId: v2 });
    expect(ra?.error).toMatch(/Column 'v' is not in version 2 of dataset 'drift'/);
    expect(rb).toMatchObject({ status: 'passed', rowsChecked: 2, datasetVersionId: v2 });
  });

  it('honours Idempotency-Key: 50 concurrent identical requests make one set of runs', async () => {
    const a = await rule('UNIQUE(id)');
    const b = await rule('NOT_NULL(amount)');
    const { token } = await t.tokenFor(Roles.DataEngineer);
    const key = `key-${kind}-${Date.now()}`;
    const send = (body: object) =>
      t
        .http()
        .post('/api/rules/run')
        .set('Authorization', `Bearer ${token}`)
        .set('Idempotency-Key', key)
        .send(body);
    const answers = await Promise.all(Array.from({ length: 50 }, () => send({ ruleIds: [a, b] })));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(202));
    const first = answers[0].body as RunRulesResponse;
    expect(first.runs).toHaveLength(2);
    for (const r of answers) expect(r.body).toEqual(first);
    const stored = (await analyst.get(`/api/runs?ruleId=${a}&trigger=api`).expect(200))
      .body as Paged<RunDetailDto>;
    expect(stored.total).toBe(1);
    await finished(first.runs[0].id);
    // Later repeats still replay; another body with the same key is refused.
    expect((await send({ ruleIds: [a, b] }).expect(202)).body).toEqual(first);
    const other = await send({ ruleIds: [a] }).expect(422);
    expect(other.body.message).toMatch(/different request body/);
    // Without a key every request is new.
    const x = await run({ ruleIds: [a] });
    const y = await run({ ruleIds: [a] });
    expect(x.runs[0].id).not.toBe(y.runs[0].id);
  });

  it('waits for the version’s first profile before running, so a fresh upload is read with its types', async () => {
    const { datasetId: ds, versionId: v } = await uploadCsv(t, eng, 'n\n5\n50', { name: 'not yet typed' });
    const a = await rule('IN_RANGE(n, 0, 10)', {}, ds);
    const versions = t.app.get(DataSource).getRepository(DatasetVersion);
    // As right after an upload: the profile that settles the column types has not finished yet.
    await versions.update({ id: v }, { status: 'profiling' });
    const id = (await run({ ruleIds: [a] })).runs[0].id;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await analyst.get(`/api/runs/${id}`).expect(200)).body).toMatchObject({ status: 'queued' });
    await versions.update({ id: v }, { status: 'ready' });
    expect(await finished(id)).toMatchObject({ status: 'failed', failedCount: 1, rowsChecked: 2 });
  });

  it('hands the Idempotency-Key of a request whose process died to a repeat, which finds its runs', async () => {
    const { datasetId: ds } = await uploadCsv(t, eng, 'id\n1\n2', { name: 'dead key' });
    const a = await rule('UNIQUE(id)', {}, ds);
    const { token } = await t.tokenFor(Roles.DataEngineer);
    const key = `dead-${kind}-${Date.now()}`;
    const send = () =>
      t.http().post('/api/rules/run').set('Authorization', `Bearer ${token}`).set('Idempotency-Key', key);
    const first = (
      await send()
        .send({ ruleIds: [a] })
        .expect(202)
    ).body as RunRulesResponse;
    // As a process killed after queuing the runs and before storing its answer leaves it: claimed long ago.
    const keys = t.app.get(DataSource).getRepository(IdempotencyKey);
    const claimedAt = new Date(Date.now() - IDEMPOTENCY_STALE_CLAIM_MS - 1000);
    await keys.update({ key }, { response: null, statusCode: null, completedAt: null, createdAt: claimedAt });
    // Meanwhile a new version arrived: the resumed request still answers with the runs it made.
    await uploadCsv(t, eng, 'id\n1\n2\n3', { datasetId: ds });
    const again = await Promise.all([send().send({ ruleIds: [a] }), send().send({ ruleIds: [a] })]);
    expect(again.map((r) => r.status)).toEqual([202, 202]);
    for (const r of again)
      expect((r.body as RunRulesResponse).runs.map((x) => x.id)).toEqual([first.runs[0].id]);
    const stored = (await analyst.get(`/api/runs?ruleId=${a}&trigger=api`).expect(200))
      .body as Paged<RunDetailDto>;
    expect(stored.total).toBe(1);
    await finished(first.runs[0].id);
  });

  it('lists runs newest first with filters', async () => {
    const a = await rule('NOT_NULL(status)');
    const r1 = (await run({ ruleIds: [a] })).runs[0].id;
    await finished(r1);
    const r2 = (await run({ ruleIds: [a] })).runs[0].id;
    await finished(r2);
    const list = async (qs: string) =>
      (await analyst.get(`/api/runs?${qs}`).expect(200)).body as Paged<RunDetailDto>;
    expect((await list(`ruleId=${a}`)).items.map((r) => r.id)).toEqual([r2, r1]);
    expect((await list(`ruleId=${a}&status=passed&pageSize=1`)).items.map((r) => r.id)).toEqual([r2]);
    expect((await list(`ruleId=${a}&verdict=failed`)).total).toBe(0);
    expect((await list(`ruleId=${a}&verdict=PASSED&trigger=manual`)).total).toBe(2);
    expect((await list(`ruleId=${a}&from=2999-01-01T00:00:00Z`)).total).toBe(0);
    expect((await list(`ruleId=${a}&to=2999-01-01T00:00:00Z&datasetId=${orders}`)).total).toBe(2);
    expect((await list('status=error')).items.every((r) => r.status === 'error')).toBe(true);
    await analyst.get('/api/runs?status=bogus').expect(400);
    await analyst.get('/api/runs?from=yesterday').expect(400);
    await analyst.get('/api/runs/00000000-0000-4000-8000-000000000000').expect(404);
    await analyst.get('/api/runs/not-a-uuid').expect(400);
  });

  it('runs a rule as it was when queued; later edits make new versions for later runs', async () => {
    const a = await rule('IN_RANGE(amount, 0, 100)');
    const r1 = (await run({ ruleIds: [a] })).runs[0].id;
    await finished(r1);
    await eng.patch(`/api/rules/${a}`, { dsl: 'IN_RANGE(amount, -10, 100000)' }).expect(200);
    const r2 = (await run({ ruleIds: [a] })).runs[0].id;
    const [x, y] = [await finished(r1), await finished(r2)];
    expect([x.ruleVersion, x.dsl, x.failedCount]).toEqual([1, 'IN_RANGE(amount, 0, 100)', 2]);
    expect([y.ruleVersion, y.dsl, y.failedCount]).toEqual([2, 'IN_RANGE(amount, -10, 100000)', 0]);
  });

  it('queues the active rules after each new version (upload trigger), once per version', async () => {
    const { datasetId: ds, versionId: v1 } = await uploadCsv(t, eng, 'k\n1', { name: 'uploads' });
    const a = await rule('UNIQUE(k)', {}, ds);
    await rule('NOT_NULL(k)', { active: false }, ds);
    const { versionId: v2 } = await uploadCsv(t, eng, 'k\n1\n1', { datasetId: ds });
    // The datasets module told the listener after profiling; calling again changes nothing.
    const svc = t.app.get(RunsService);
    const [first, second] = await Promise.all([svc.enqueueForVersion(ds, v2), svc.enqueueForVersion(ds, v2)]);
    expect(first).toEqual(second);
    expect(first.map((r) => r.ruleId)).toEqual([a]);
    expect(await finished(first[0].id)).toMatchObject({
      trigger: 'upload',
      datasetVersionId: v2,
      status: 'failed',
      failedCount: 2,
    });
    // A rule created while a version is still being profiled (after its upload) is not one of its upload
    // runs, even when the datasets module tells the listener later: whoever created it runs it.
    const versions = (await analyst.get(`/api/datasets/${ds}/versions`).expect(200)).body as
      DatasetVersionDto[] | Paged<DatasetVersionDto>;
    const storedAt = (Array.isArray(versions) ? versions : versions.items).find(
      (v) => v.id === v1,
    )!.createdAt;
    const listener = t.app.get<string, DatasetVersionListener>(DATASET_VERSION_LISTENER);
    expect(await listener.versionStored(ds, v1, new Date(storedAt))).toEqual([]);
    const all = (await analyst.get(`/api/runs?datasetId=${ds}`).expect(200)).body as Paged<RunDetailDto>;
    expect(all.items.filter((r) => r.datasetVersionId === v1)).toHaveLength(0);
    expect(all.items.filter((r) => r.datasetVersionId === v2)).toHaveLength(1);
  });

  it('fires cron schedules once per matching minute', async () => {
    const { datasetId: ds } = await uploadCsv(t, eng, 'k\n1', { name: 'sched' });
    const every5 = await rule('UNIQUE(k)', { schedule: '*/5 * * * *' }, ds);
    const hourly = await rule('NOT_NULL(k)', { schedule: '@hourly' }, ds);
    await rule('NOT_NULL(k)', { schedule: '*/5 * * * *', active: false }, ds);
    const m = t.app.get(RunMaintenance);
    const at = new Date('2031-03-04T10:00:27Z');
    expect(await m.fireSchedules(at)).toEqual({ fired: 2, runs: 2 });
    expect(await m.fireSchedules(at)).toEqual({ fired: 2, runs: 2 }); // the same minute again: same runs
    expect(await m.fireSchedules(new Date('2031-03-04T10:01:00Z'))).toEqual({ fired: 0, runs: 0 });
    expect((await m.fireSchedules(new Date('2031-03-04T10:05:00Z'))).fired).toBe(1);
    const list = (await analyst.get(`/api/runs?datasetId=${ds}&trigger=schedule`).expect(200))
      .body as Paged<RunDetailDto>;
    expect(list.total).toBe(3);
    expect(list.items.filter((r) => r.ruleId === every5)).toHaveLength(2);
    expect(list.items.filter((r) => r.ruleId === hourly)).toHaveLength(1);
    for (const r of list.items) expect((await finished(r.id)).status).toBe('passed');
  });

  it('prunes evidence older than the retention and keeps the run', async () => {
    const a = await rule('NOT_NULL(email)');
    const { runs } = await run({ ruleIds: [a] });
    await finished(runs[0].id);
    const stored = await t.dataSource.query(`SELECT evidence_file FROM rule_runs WHERE id = '${runs[0].id}'`);
    const file = join(t.dataDir, 'storage', stored[0].evidence_file as string);
    expect(existsSync(file)).toBe(true);
    const m = t.app.get(RunMaintenance);
    expect(await m.pruneEvidence(new Date())).toBe(0);
    expect(await m.pruneEvidence(new Date(Date.now() + 2 * 86_400_000))).toBeGreaterThanOrEqual(1);
    expect(existsSync(file)).toBe(false);
    const gone = await analyst.get(`/api/runs/${runs[0].id}/evidence`).expect(410);
    expect(gone.body.message).toMatch(/retention/);
    await analyst.get(`/api/runs/${runs[0].id}/evidence.csv`).expect(410);
    expect(await finished(runs[0].id)).toMatchObject({
      status: 'failed',
      failedCount: 1,
      evidenceAvailable: false,
    });
  });

  it('encrypts the evidence of sensitive datasets at rest', async () => {
    const { datasetId: ds } = await uploadCsv(t, eng, 'ssn\n123-45-6789\n', {
      name: 'secret',
      fields: { sensitive: 'true' },
    });
    const a = await rule("MATCHES(ssn, '^[0-9]{9}$')", {}, ds);
    const { runs } = await run({ ruleIds: [a] });
    expect(await finished(runs[0].id)).toMatchObject({ status: 'failed', failedCount: 1 });
    const [{ evidence_file: rel }] = await t.dataSource.query(
      `SELECT evidence_file FROM rule_runs WHERE id = '${runs[0].id}'`,
    );
    expect(rel).toMatch(/\.json\.enc$/);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(t.dataDir, 'storage', rel)).includes(Buffer.from('123-45-6789'))).toBe(false);
    expect((await analyst.get(`/api/runs/${runs[0].id}/evidence`).expect(200)).body.rows[0].values).toEqual({
      ssn: '123-45-6789',
    });
  });
});
