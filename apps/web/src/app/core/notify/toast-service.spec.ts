import { TestBed } from '@angular/core/testing';
import { ToastService } from './toast-service';

describe('ToastService', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('shows a message once even when several failures report it at the same time', () => {
    const toasts = TestBed.inject(ToastService);
    toasts.error("Can't reach the server.");
    toasts.error("Can't reach the server.");
    toasts.success('Saved.');
    expect(toasts.toasts().map((t) => t.text)).toEqual(["Can't reach the server.", 'Saved.']);
  });

  it('lets successes go sooner than problems, and can be dismissed by hand', () => {
    const toasts = TestBed.inject(ToastService);
    toasts.success('Saved.');
    const problem = toasts.error('Failed.');
    vi.advanceTimersByTime(6000);
    expect(toasts.toasts().map((t) => t.text)).toEqual(['Failed.']);
    toasts.dismiss(problem);
    expect(toasts.toasts()).toEqual([]);
  });
});
