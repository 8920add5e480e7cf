import { TestBed } from '@angular/core/testing';
import { THEME_STORAGE_KEY, ThemeService } from './theme-service';

function fakeMatchMedia(dark: boolean) {
  const listeners: ((e: { matches: boolean }) => void)[] = [];
  const media = {
    matches: dark,
    addEventListener: (_: string, fn: (e: { matches: boolean }) => void) => listeners.push(fn),
  };
  vi.spyOn(window, 'matchMedia').mockReturnValue(media as unknown as MediaQueryList);
  return (matches: boolean) => listeners.forEach((fn) => fn({ matches }));
}

describe('ThemeService', () => {
  beforeEach(() => {
    localStorage.clear();
    document.documentElement.removeAttribute('data-bs-theme');
    if (!window.matchMedia) {
      Object.defineProperty(window, 'matchMedia', { configurable: true, writable: true, value: () => null });
    }
  });
  afterEach(() => vi.restoreAllMocks());

  it('follows the system preference when the user has not chosen', () => {
    fakeMatchMedia(true);
    const theme = TestBed.inject(ThemeService);
    expect(theme.theme()).toBe('dark');
    expect(document.documentElement.getAttribute('data-bs-theme')).toBe('dark');
  });

  it('prefers a remembered choice over the system preference', () => {
    fakeMatchMedia(true);
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    expect(TestBed.inject(ThemeService).theme()).toBe('light');
  });

  it('toggles, applies and remembers the choice', () => {
    fakeMatchMedia(false);
    const theme = TestBed.inject(ThemeService);
    theme.toggle();
    expect(theme.theme()).toBe('dark');
    expect(document.documentElement.getAttribute('data-bs-theme')).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');
    theme.toggle();
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
  });

  it('tracks system changes until the user picks a theme, then keeps the pick', () => {
    const systemChanges = fakeMatchMedia(false);
    const theme = TestBed.inject(ThemeService);
    systemChanges(true);
    expect(theme.theme()).toBe('dark');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBeNull();
    theme.set('light');
    systemChanges(true);
    expect(theme.theme()).toBe('light');
  });

  it('ignores a corrupt stored value', () => {
    fakeMatchMedia(false);
    localStorage.setItem(THEME_STORAGE_KEY, 'purple');
    expect(TestBed.inject(ThemeService).theme()).toBe('light');
  });
});
