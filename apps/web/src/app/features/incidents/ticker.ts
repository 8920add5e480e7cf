import { DestroyRef, Injectable, InjectionToken, Signal, inject, signal } from '@angular/core';

/** How often SLA countdowns re-read the clock. */
export const TICK_MS = new InjectionToken<number>('TICK_MS', { providedIn: 'root', factory: () => 1000 });

/**
 * "Now" as a signal that moves every second, so SLA countdowns tick. Provided by the pages that show
 * countdowns: the timer stops when the page goes away.
 */
@Injectable()
export class Ticker {
  private readonly current = signal(Date.now());
  readonly now: Signal<number> = this.current.asReadonly();

  constructor() {
    const timer = setInterval(() => this.current.set(Date.now()), inject(TICK_MS));
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
