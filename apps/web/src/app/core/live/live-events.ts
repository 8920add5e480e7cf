import {
  DestroyRef,
  Injectable,
  InjectionToken,
  Signal,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ServerEventType } from '@dqw/shared-types';
import { Observable, Subject, filter } from 'rxjs';
import { AuthStore } from '../auth/auth-store';
import { LIVE_EVENT_TYPES, LiveEvent, LiveStatus } from './live-event-types';

/** The part of the browser's EventSource the client uses (so tests can hand in a fake). */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => unknown) | null;
  onerror: ((event: Event) => unknown) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

/** Opens the stream; null where the browser has no EventSource. */
export type EventSourceFactory = (url: string) => EventSourceLike | null;

export const EVENT_SOURCE_FACTORY = new InjectionToken<EventSourceFactory>('EVENT_SOURCE_FACTORY', {
  providedIn: 'root',
  factory: () => (url) => (typeof EventSource === 'undefined' ? null : new EventSource(url)),
});

export const LIVE_EVENTS_URL = '/api/events';
const CLOSED = 2;
/** Back-off after the server refused or dropped the stream for good: 1 s, 2 s, 4 s … at most 30 s. */
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 30_000;

/**
 * The app's one connection to `GET /api/events` (server-sent events). It opens when someone signs in and
 * closes on sign-out. The browser re-opens a dropped stream by itself; when the server refuses it
 * (restart, proxy error), this client retries with a growing pause.
 *
 * Use `on('run.updated')` for an Observable of typed events, `latest(type)` for a signal of the last one,
 * and `reconnected` to reload what may have been missed while the stream was down.
 */
@Injectable({ providedIn: 'root' })
export class LiveEvents {
  private readonly auth = inject(AuthStore);
  private readonly createSource = inject(EVENT_SOURCE_FACTORY);
  private readonly statusSignal = signal<LiveStatus>('off');
  private readonly events$ = new Subject<LiveEvent<ServerEventType>>();
  private readonly reconnected$ = new Subject<void>();
  private source: EventSourceLike | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private wasOpen = false;
  private dropped = false;

  /** Where the stream stands, for the header's indicator. */
  readonly status: Signal<LiveStatus> = this.statusSignal.asReadonly();
  /** Emits when the stream is back after a drop: events sent meanwhile were lost, so reload. */
  readonly reconnected: Observable<void> = this.reconnected$.asObservable();

  constructor() {
    effect(() => {
      const signedIn = this.auth.isAuthenticated();
      untracked(() => (signedIn ? this.connect() : this.disconnect()));
    });
    inject(DestroyRef).onDestroy(() => this.disconnect());
  }

  /** Every event of one type, typed by {@link LiveEventDataMap}. */
  on<T extends ServerEventType>(type: T): Observable<LiveEvent<T>> {
    return this.events$.pipe(filter((e): e is LiveEvent<T> => e.type === type));
  }

  /** The last event of a type as a signal (null until one arrives). Call it in an injection context. */
  latest<T extends ServerEventType>(type: T): Signal<LiveEvent<T> | null> {
    return toSignal(this.on(type), { initialValue: null });
  }

  private connect(): void {
    if (this.source) return;
    this.clearRetry();
    const source = this.createSource(LIVE_EVENTS_URL);
    if (!source) {
      this.statusSignal.set('unsupported');
      return;
    }
    this.source = source;
    this.statusSignal.set(this.wasOpen || this.failures > 0 ? 'reconnecting' : 'connecting');
    source.onopen = () => {
      if (this.source !== source) return;
      this.failures = 0;
      this.statusSignal.set('open');
      if (this.wasOpen && this.dropped) this.reconnected$.next();
      this.wasOpen = true;
      this.dropped = false;
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.dropped = true;
      this.statusSignal.set('reconnecting');
      // CONNECTING: the browser retries by itself. CLOSED: it gave up (an error status), so we retry.
      if (source.readyState === CLOSED) {
        source.close();
        this.source = null;
        this.scheduleRetry();
      }
    };
    for (const type of LIVE_EVENT_TYPES) {
      source.addEventListener(type, (message) => {
        if (this.source === source) this.dispatch(type, message);
      });
    }
  }

  private dispatch(type: ServerEventType, message: MessageEvent<string>): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message.data);
    } catch {
      return; // a garbled message is dropped; the next one will carry the current state
    }
    if (!parsed || typeof parsed !== 'object' || !('data' in parsed)) return;
    const event = parsed as LiveEvent<ServerEventType>;
    this.events$.next({ ...event, type });
  }

  private scheduleRetry(): void {
    const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** this.failures);
    this.failures += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.auth.isAuthenticated()) this.connect();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private disconnect(): void {
    this.clearRetry();
    this.source?.close();
    this.source = null;
    this.failures = 0;
    this.wasOpen = false;
    this.dropped = false;
    this.statusSignal.set('off');
  }
}
