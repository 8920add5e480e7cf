import { Injectable, signal } from '@angular/core';

export type ToastKind = 'success' | 'info' | 'warning' | 'danger';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
}

/** How long a toast stays, by kind: problems stay long enough to be read, successes go quickly. */
const LIFETIME_MS: Record<ToastKind, number> = { success: 5000, info: 6000, warning: 10000, danger: 12000 };

/** App-wide messages (toasts). Components show them through `dqw-toasts`; anything may add one. */
@Injectable({ providedIn: 'root' })
export class ToastService {
  private readonly list = signal<readonly Toast[]>([]);
  private nextId = 1;
  readonly toasts = this.list.asReadonly();

  show(kind: ToastKind, text: string): number {
    // Several failing requests at once (e.g. the server went away) should not stack the same sentence.
    const existing = this.list().find((t) => t.kind === kind && t.text === text);
    if (existing) return existing.id;
    const id = this.nextId++;
    this.list.update((all) => [...all, { id, kind, text }].slice(-5));
    setTimeout(() => this.dismiss(id), LIFETIME_MS[kind]);
    return id;
  }

  success(text: string): number {
    return this.show('success', text);
  }

  error(text: string): number {
    return this.show('danger', text);
  }

  dismiss(id: number): void {
    this.list.update((all) => all.filter((t) => t.id !== id));
  }

  clear(): void {
    this.list.set([]);
  }
}
