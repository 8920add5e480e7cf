import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { BulkIncidentAction } from '@dqw/shared-types';
import { AssignDialog } from '../assign-dialog/assign-dialog';
import { BULK_ACTIONS, bulkTargets } from '../incident-actions';
import { BulkOptions, IncidentsStore } from '../incidents-store';
import { MuteDialog, MuteRequest } from '../mute-dialog/mute-dialog';
import { ResolveDialog, ResolveRequest } from '../resolve-dialog/resolve-dialog';

/**
 * What to do with the selected incidents. Each button says how many of them it would change (an
 * acknowledged incident can't be acknowledged again); mute, resolve and assign ask for details first.
 */
@Component({
  selector: 'dqw-bulk-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MuteDialog, ResolveDialog, AssignDialog],
  template: `
    <div
      class="bulk-bar d-flex flex-wrap align-items-center gap-2"
      role="toolbar"
      aria-label="Selected incidents"
    >
      <span class="fw-semibold me-1" aria-live="polite">{{ selectedCount() }} selected</span>
      @for (entry of actions(); track entry.action) {
        <button
          type="button"
          class="btn btn-sm"
          [class.btn-primary]="entry.action === 'acknowledge'"
          [class.btn-outline-secondary]="entry.action !== 'acknowledge'"
          [disabled]="entry.count === 0 || store.bulkBusy()"
          [attr.data-bulk]="entry.action"
          [attr.title]="entry.count + ' of the ' + selectedCount() + ' selected can take this action'"
          (click)="start(entry.action)"
        >
          {{ entry.label }}{{ entry.count !== selectedCount() ? ' (' + entry.count + ')' : '' }}
        </button>
      }
      <button type="button" class="btn btn-sm btn-link" (click)="store.clearSelection()">
        Clear selection
      </button>
      @if (store.bulkBusy()) {
        <span class="spinner-border spinner-border-sm" role="status">
          <span class="visually-hidden">Working…</span>
        </span>
      }
    </div>
    @if (message(); as text) {
      <div class="alert alert-danger mt-2 mb-0" role="alert">{{ text }}</div>
    }
    @switch (dialog()) {
      @case ('mute') {
        <dqw-mute-dialog
          [title]="'Mute ' + countText('mute')"
          [busy]="store.bulkBusy()"
          [error]="dialogError()"
          (submitted)="mute($event)"
          (cancelled)="close()"
        />
      }
      @case ('resolve') {
        <dqw-resolve-dialog
          [title]="'Resolve ' + countText('resolve')"
          [busy]="store.bulkBusy()"
          [error]="dialogError()"
          (submitted)="resolve($event)"
          (cancelled)="close()"
        />
      }
      @case ('assign') {
        <dqw-assign-dialog
          [title]="'Assign ' + countText('assign')"
          [assignees]="store.assignees()"
          [busy]="store.bulkBusy()"
          [error]="dialogError()"
          (submitted)="assign($event)"
          (cancelled)="close()"
        />
      }
    }
  `,
  styles: `
    .bulk-bar {
      padding: 0.5rem 0.75rem;
      border-radius: 0.6rem;
      background: var(--bs-primary-bg-subtle);
      border: 1px solid var(--bs-primary-border-subtle);
      color: var(--bs-primary-text-emphasis);
    }
    .btn-link {
      color: var(--bs-primary-text-emphasis);
    }
  `,
})
export class BulkBar {
  protected readonly store = inject(IncidentsStore);
  protected readonly dialog = signal<'mute' | 'resolve' | 'assign' | null>(null);
  protected readonly dialogError = signal<string | null>(null);
  protected readonly message = signal<string | null>(null);
  protected readonly selectedCount = computed(() => this.store.selectedIncidents().length);
  protected readonly actions = computed(() =>
    BULK_ACTIONS.map((a) => ({
      ...a,
      count: bulkTargets(a.action, this.store.selectedIncidents()).ids.length,
    })),
  );

  protected countText(action: BulkIncidentAction): string {
    const n = bulkTargets(action, this.store.selectedIncidents()).ids.length;
    return `${n} incident${n === 1 ? '' : 's'}`;
  }

  protected start(action: BulkIncidentAction): void {
    this.message.set(null);
    if (action === 'acknowledge' || action === 'unmute') {
      void this.run(action, {});
      return;
    }
    this.dialogError.set(null);
    this.dialog.set(action);
  }

  protected close(): void {
    this.dialog.set(null);
  }

  protected mute(request: MuteRequest): void {
    void this.run('mute', {
      mutedUntil: request.until,
      ...(request.note.trim() ? { note: request.note.trim() } : {}),
    });
  }

  protected resolve(request: ResolveRequest): void {
    void this.run('resolve', { resolutionReason: request.reason, note: request.note });
  }

  protected assign(assigneeId: string | null): void {
    void this.run('assign', { assigneeId });
  }

  private async run(action: BulkIncidentAction, options: BulkOptions): Promise<void> {
    const refused = await this.store.bulk(action, options);
    if (refused === null) {
      this.dialog.set(null);
    } else if (this.dialog()) {
      this.dialogError.set(refused);
    } else {
      this.message.set(refused);
    }
  }
}
