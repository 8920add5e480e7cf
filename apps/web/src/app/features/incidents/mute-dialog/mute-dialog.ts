import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { INCIDENT_NOTE_MAX_LENGTH } from '@dqw/shared-types';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { MUTE_CHOICES, MuteChoice, localInputValue, muteUntil } from '../mute-form';

export interface MuteRequest {
  until: string | null;
  note: string;
}

/** Mute for a while (checked to end in the future) or until someone unmutes, with an optional note. */
@Component({
  selector: 'dqw-mute-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Dialog, FormsModule],
  template: `
    <dqw-dialog [title]="title()" (dismissed)="cancelled.emit()">
      <form (ngSubmit)="submit()" novalidate>
        <p class="text-body-secondary">
          A muted incident stays out of the way: failures still count, nobody is notified and the resolve
          target pauses. When the mute ends it opens again if the rule still fails.
        </p>
        @if (error(); as message) {
          <div class="alert alert-danger" role="alert">{{ message }}</div>
        }
        <fieldset class="mb-3">
          <legend class="form-label fs-6">How long</legend>
          @for (option of choices; track option.value) {
            <div class="form-check">
              <input
                class="form-check-input"
                type="radio"
                name="mute-choice"
                [id]="'mute-' + option.value"
                [value]="option.value"
                [ngModel]="choice()"
                (ngModelChange)="choice.set($event); problem.set(null)"
              />
              <label class="form-check-label" [for]="'mute-' + option.value">{{ option.label }}</label>
            </div>
          }
        </fieldset>
        @if (choice() === 'custom') {
          <div class="mb-3">
            <label for="mute-until" class="form-label">Mute until</label>
            <input
              id="mute-until"
              type="datetime-local"
              class="form-control"
              name="until"
              [min]="minimum()"
              [ngModel]="custom()"
              (ngModelChange)="custom.set($event); problem.set(null)"
              [class.is-invalid]="problem()"
              [attr.aria-invalid]="!!problem()"
              [attr.aria-describedby]="problem() ? 'mute-until-error' : 'mute-until-hint'"
            />
            @if (problem(); as message) {
              <div id="mute-until-error" class="invalid-feedback">{{ message }}</div>
            }
            <div id="mute-until-hint" class="form-text">In your time zone; within a year.</div>
          </div>
        }
        <div class="mb-4">
          <label for="mute-note" class="form-label"
            >Note <span class="text-body-secondary">(optional)</span></label
          >
          <textarea
            id="mute-note"
            class="form-control"
            rows="2"
            name="note"
            [maxlength]="noteMax"
            [ngModel]="note()"
            (ngModelChange)="note.set($event)"
            placeholder="Why it can wait"
          ></textarea>
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
export class MuteDialog {
  readonly title = input('Mute the incident');
  readonly confirmLabel = input('Mute');
  readonly busy = input(false);
  /** The server's answer when it refused. */
  readonly error = input<string | null>(null);
  readonly submitted = output<MuteRequest>();
  readonly cancelled = output<void>();
  protected readonly choices = MUTE_CHOICES;
  protected readonly noteMax = INCIDENT_NOTE_MAX_LENGTH;
  protected readonly choice = signal<MuteChoice>('4h');
  protected readonly custom = signal(localInputValue(Date.now() + 24 * 3600_000));
  protected readonly note = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly minimum = computed(() => localInputValue(Date.now()));

  protected submit(): void {
    const result = muteUntil(this.choice(), this.custom(), Date.now());
    if ('error' in result) {
      this.problem.set(result.error);
      return;
    }
    this.submitted.emit({ until: result.until, note: this.note() });
  }
}
