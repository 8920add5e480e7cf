// Unit-spec setup for the datasets and queues pages (not used by the app itself).
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { EnvironmentProviders, Provider } from '@angular/core';
import { DeferBlockBehavior, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { Role } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { apiInterceptor } from '../../../core/http/api-interceptor';
import { LiveEvents } from '../../../core/live/live-events';
import {
  FakeEventSource,
  FakeEventSources,
  provideFakeEventSource,
} from '../../../core/live/testing/fake-event-source';
import { meFor } from '../../../testing/fixtures';

export interface SignedIn {
  backend: HttpTestingController;
  /** The open event stream: `events.emit('run.updated', run)`. */
  events: FakeEventSource;
}

/** Real interceptor, fake backend, fake event stream (open), charts kept deferred; signed in as `role`. */
export async function signedIn(
  role: Role,
  providers: (Provider | EnvironmentProviders)[] = [],
): Promise<SignedIn> {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(withInterceptors([apiInterceptor])),
      provideHttpClientTesting(),
      provideRouter([]),
      provideFakeEventSource(),
      ...providers,
    ],
    deferBlockBehavior: DeferBlockBehavior.Manual,
  });
  const backend = TestBed.inject(HttpTestingController);
  const loaded = TestBed.inject(AuthStore).ensureLoaded();
  backend.expectOne('/api/auth/me').flush(meFor(role));
  await loaded;
  TestBed.inject(LiveEvents);
  TestBed.tick();
  const events = TestBed.inject(FakeEventSources).latest;
  events.open();
  return { backend, events };
}
