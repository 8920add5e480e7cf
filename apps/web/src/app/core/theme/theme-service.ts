import { DOCUMENT, Injectable, inject, signal } from '@angular/core';

export type Theme = 'light' | 'dark';
export const THEME_STORAGE_KEY = 'dqw-theme';

/**
 * Light or dark. Follows the system setting until the user picks one, then remembers the choice.
 * `public/theme-init.js` applies the stored choice before Angular starts, so the page never flashes.
 */
@Injectable({ providedIn: 'root' })
export class ThemeService {
  private readonly document = inject(DOCUMENT);
  private readonly media = this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)') ?? null;
  private readonly current = signal<Theme>(this.initialTheme());
  readonly theme = this.current.asReadonly();

  constructor() {
    this.apply(this.current());
    this.media?.addEventListener?.('change', (event) => {
      if (this.stored() === null) this.set(event.matches ? 'dark' : 'light', false);
    });
  }

  toggle(): void {
    this.set(this.current() === 'dark' ? 'light' : 'dark');
  }

  set(theme: Theme, remember = true): void {
    this.current.set(theme);
    this.apply(theme);
    if (remember) {
      try {
        this.document.defaultView?.localStorage.setItem(THEME_STORAGE_KEY, theme);
      } catch {
        // Storage can be disabled (private mode); the choice then lasts for this page only.
      }
    }
  }

  private initialTheme(): Theme {
    return this.stored() ?? (this.media?.matches ? 'dark' : 'light');
  }

  private stored(): Theme | null {
    try {
      const value = this.document.defaultView?.localStorage.getItem(THEME_STORAGE_KEY);
      return value === 'light' || value === 'dark' ? value : null;
    } catch {
      return null;
    }
  }

  private apply(theme: Theme): void {
    const root = this.document.documentElement;
    root.setAttribute('data-bs-theme', theme);
    root.style.colorScheme = theme;
  }
}
