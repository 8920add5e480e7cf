// For unit specs: a hand-driven EventSource behind LiveEvents (not used by the app itself).
import { Provider } from '@angular/core';
import { ServerEventType } from '@dqw/shared-types';
import { LiveEventDataMap } from '../live-event-types';
import { EVENT_SOURCE_FACTORY, EventSourceLike } from '../live-events';

export class FakeEventSource implements EventSourceLike {
  readyState = 0;
  onopen: ((event: Event) => unknown) | null = null;
  onerror: ((event: Event) => unknown) | null = null;
  closed = false;
  private readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();

  constructor(readonly url: string) {}

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  close(): void {
    this.closed = true;
    this.readyState = 2;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }

  /** A network drop the browser retries by itself (readyState CONNECTING). */
  drop(): void {
    this.readyState = 0;
    this.onerror?.(new Event('error'));
  }

  /** The server refused the stream (an error status): the browser gives up (readyState CLOSED). */
  refuse(): void {
    this.readyState = 2;
    this.onerror?.(new Event('error'));
  }

  /** Delivers raw `data:` text for an `event:` type. */
  sendRaw(type: string, data: string): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data }));
  }

  /** Delivers a well-formed server event. */
  emit<T extends ServerEventType>(type: T, data: LiveEventDataMap[T]): void {
    this.sendRaw(type, JSON.stringify({ type, at: new Date().toISOString(), data }));
  }
}

/** The EventSources LiveEvents opened, newest last. */
export class FakeEventSources {
  readonly opened: FakeEventSource[] = [];
  supported = true;

  get latest(): FakeEventSource {
    const source = this.opened.at(-1);
    if (!source) throw new Error('LiveEvents opened no EventSource (is someone signed in?)');
    return source;
  }
}

/** Replaces the browser's EventSource for LiveEvents; inject FakeEventSources to drive it. */
export function provideFakeEventSource(): Provider[] {
  const sources = new FakeEventSources();
  return [
    { provide: FakeEventSources, useValue: sources },
    {
      provide: EVENT_SOURCE_FACTORY,
      useValue: (url: string) => {
        if (!sources.supported) return null;
        const source = new FakeEventSource(url);
        sources.opened.push(source);
        return source;
      },
    },
  ];
}
