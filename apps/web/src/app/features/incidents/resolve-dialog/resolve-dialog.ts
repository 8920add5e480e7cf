import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { INCIDENT_NOTE_MAX_LENGTH, ResolutionReason } from '@dqw/shared-types';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { RESOLUTION_OPTIONS } from '../incident-labels';
import { resolveProblems } from '../mute-form';

export interface ResolveRequest {
  reason: ResolutionReason;
  note: string;
}

/** Resolving asks why (kept for reporting) and what was done. */
@Component({
  selector: 'dqw-resolve-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Dialog, FormsModule],
  template: `
    <dqw-dialog [title]="title()" (dismissed)="cancelled.emit()">
      <form (ngSubmit)="submit()" novalidate>
        @if (error(); as message) {
          <div class="alert alert-danger" role="alert">{{ message }}</div>
        }
        <fieldset class="mb-3" [attr.aria-describedby]="problems().reason ? 'resolve-reason-error' : null">
          <legend class="form-label fs-6">Reason</legend>
          @for (option of reasons; track option.value) {
            <div class="form-check">
              <input
                class="form-check-input"
                type="radio"
                name="resolve-reason"
                [id]="'reason-' + option.value"
                [value]="option.value"
                [ngModel]="reason()"
                (ngModelChange)="reason.set($event); clear('reason')"
              />
              <label class="form-check-label" [for]="'reason-' + option.value">
                {{ option.label }} <span class="text-body-secondary small">— {{ option.hint }}</span>
              </label>
            </div>
          }
          @if (problems().reason; as message) {
            <div id="resolve-reason-error" class="small text-danger-emphasis mt-1">{{ message }}</div>
          }
        </fieldset>
        <div class="mb-4">
          <label for="resolve-note" class="form-label">What was done</label>
          <textarea
            id="resolve-note"
            class="form-control"
            rows="3"
            name="note"
            [maxlength]="noteMax"
            [ngModel]="note()"
            (ngModelChange)="note.set($event); clear('note')"
            [class.is-invalid]="problems().note"
            [attr.aria-invalid]="!!problems().note"
            [attr.aria-describedby]="problems().note ? 'resolve-note-error' : 'resolve-note-hint'"
          ></textarea>
          @if (problems().note; as message) {
            <div id="resolve-note-error" class="invalid-feedback">{{ message }}</div>
          }
          <div id="resolve-note-hint" class="form-text">
            Kept on the timeline, e.g. “Backfilled the missing emails”.
          </div>
        </div>
        <div class="d-flex justify-content-end gap-2">
          <button type="button" class="btn btn-outline-secondary" (click)="cancelled.emit()">Cancel</button>
          <button type="submit" class="btn btn-primary" [disabled]="busy()">
            @if (busy()) {
              <span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>
            }
            {{ confirmLabel() }}
          </button>
        </div>
      </form>
    </dqw-dialog>
  `,
})
export class ResolveDialog {
  readonly title = input('Resolve the incident');
  readonly confirmLabel = input('Resolve');
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<ResolveRequest>();
  readonly cancelled = output<void>();
  protected readonly reasons = RESOLUTION_OPTIONS;
  protected readonly noteMax = INCIDENT_NOTE_MAX_LENGTH;
  protected readonly reason = signal<ResolutionReason | ''>('');
  protected readonly note = signal('');
  protected readonly problems = signal<{ reason?: string; note?: string }>({});

  protected clear(field: 'reason' | 'note'): void {
    this.problems.update((p) => ({ ...p, [field]: undefined }));
  }

  protected submit(): void {
    const reason = this.reason();
    const problems = resolveProblems(reason, this.note());
    this.problems.set(problems);
    if (problems.reason || problems.note || !reason) return;
    this.submitted.emit({ reason, note: this.note().trim() });
  }
}
