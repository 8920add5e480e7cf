import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RunDetailDto } from '@dqw/shared-types';
import { meFor } from '../../testing/fixtures';
import { AuthStore } from '../auth/auth-store';
import { apiInterceptor } from '../http/api-interceptor';
import { LiveEvent } from './live-event-types';
import { LiveEvents, RETRY_BASE_MS } from './live-events';
import { FakeEventSources, provideFakeEventSource } from './testing/fake-event-source';

function run(overrides: Partial<RunDetailDto> = {}): RunDetailDto {
  return {
    id: 'run-1',
    ruleId: 'rule-1',
    datasetId: 'ds-1',
    datasetVersionId: 'v-1',
    status: 'running',
    trigger: 'manual',
    rowsChecked: null,
    failedCount: null,
    passRate: null,
    startedAt: null,
    finishedAt: null,
    durationMs: null,
    error: null,
    ruleVersionId: 'rv-1',
    ruleVersion: 1,
    ruleName: 'Emails present',
    verdict: null,
    attempts: 1,
    queuedAt: '2026-01-01T00:00:00Z',
    evidenceRows: 0,
    evidenceAvailable: false,
    ...overrides,
  };
}

describe('LiveEvents', () => {
  let fakes: FakeEventSources;
  let sources: FakeEventSources['opened'];
  let backend: HttpTestingController;
  let auth: AuthStore;
  const latestSource = () => fakes.latest;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
        provideFakeEventSource(),
      ],
    });
    fakes = TestBed.inject(FakeEventSources);
    sources = fakes.opened;
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
  });

  afterEach(() => vi.useRealTimers());

  async function signIn(): Promise<LiveEvents> {
    const live = TestBed.inject(LiveEvents);
    const loaded = auth.ensureLoaded();
    backend.expectOne('/api/auth/me').flush(meFor('DataEngineer'));
    await loaded;
    TestBed.tick();
    return live;
  }

  it('opens no stream before sign-in, one stream after, and closes it on sign-out', async () => {
    const live = TestBed.inject(LiveEvents);
    TestBed.tick();
    expect(sources).toHaveLength(0);
    expect(live.status()).toBe('off');

    await signIn();
    expect(sources).toHaveLength(1);
    expect(latestSource().url).toBe('/api/events');
    expect(live.status()).toBe('connecting');
    latestSource().open();
    expect(live.status()).toBe('open');

    auth.signedOut();
    TestBed.tick();
    expect(latestSource().closed).toBe(true);
    expect(live.status()).toBe('off');
    expect(sources).toHaveLength(1);
  });

  it('delivers typed events to the subscribers of their type only', async () => {
    const live = await signIn();
    latestSource().open();
    const runs: LiveEvent<'run.updated'>[] = [];
    const progress: number[] = [];
    live.on('run.updated').subscribe((e) => runs.push(e));
    live.on('run.progress').subscribe((e) => progress.push(e.data.percent));

    latestSource().sendRaw(
      'run.updated',
      JSON.stringify({ type: 'run.updated', at: '2026-01-01T00:00:01Z', data: run({ status: 'passed' }) }),
    );
    latestSource().sendRaw(
      'run.progress',
      JSON.stringify({
        type: 'run.progress',
        at: '2026-01-01T00:00:02Z',
        data: {
          datasetId: 'ds-1',
          datasetVersionId: 'v-1',
          runIds: ['run-1'],
          percent: 40,
          phase: 'scanning',
        },
      }),
    );
    expect(runs.map((e) => [e.type, e.data.id, e.data.status])).toEqual([['run.updated', 'run-1', 'passed']]);
    expect(progress).toEqual([40]);
  });

  it('offers the last event of a type as a signal', async () => {
    const live = await signIn();
    const last = TestBed.runInInjectionContext(() => live.latest('profile.progress'));
    expect(last()).toBeNull();
    latestSource().sendRaw(
      'profile.progress',
      JSON.stringify({
        type: 'profile.progress',
        at: '2026-01-01T00:00:02Z',
        data: { datasetId: 'ds-1', versionId: 'v-1', percent: 70, phase: 'profiling' },
      }),
    );
    expect(last()?.data.percent).toBe(70);
  });

  it('ignores a garbled message and keeps delivering the next ones', async () => {
    const live = await signIn();
    const seen: string[] = [];
    live.on('dataset.updated').subscribe((e) => seen.push(e.data.status));
    latestSource().sendRaw('dataset.updated', '{not json');
    latestSource().sendRaw('dataset.updated', '"just a string"');
    latestSource().sendRaw(
      'dataset.updated',
      JSON.stringify({
        type: 'dataset.updated',
        at: 'x',
        data: { datasetId: 'd', versionId: 'v', status: 'ready' },
      }),
    );
    expect(seen).toEqual(['ready']);
  });

  it('lets the browser re-open a dropped stream, then announces the reconnection', async () => {
    const live = await signIn();
    const reconnects = vi.fn();
    live.reconnected.subscribe(reconnects);
    latestSource().open();
    expect(reconnects).not.toHaveBeenCalled();

    latestSource().drop();
    expect(live.status()).toBe('reconnecting');
    expect(sources).toHaveLength(1); // the browser's own retry, not a second stream
    latestSource().open();
    expect(live.status()).toBe('open');
    expect(reconnects).toHaveBeenCalledTimes(1);
  });

  it('retries a refused stream itself with a growing pause, and stops when signed out', async () => {
    vi.useFakeTimers();
    const live = await signIn();
    latestSource().open();

    latestSource().refuse();
    expect(latestSource().closed).toBe(true);
    expect(live.status()).toBe('reconnecting');
    vi.advanceTimersByTime(RETRY_BASE_MS - 1);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);

    latestSource().refuse(); // refused again: the next pause is twice as long
    vi.advanceTimersByTime(2 * RETRY_BASE_MS - 1);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(3);

    const reconnects = vi.fn();
    live.reconnected.subscribe(reconnects);
    latestSource().open();
    expect(live.status()).toBe('open');
    expect(reconnects).toHaveBeenCalledTimes(1);

    latestSource().refuse();
    auth.signedOut();
    TestBed.tick();
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(3);
    expect(live.status()).toBe('off');
  });

  it('says so when the browser has no EventSource', async () => {
    fakes.supported = false;
    const live = await signIn();
    expect(live.status()).toBe('unsupported');
  });
});
