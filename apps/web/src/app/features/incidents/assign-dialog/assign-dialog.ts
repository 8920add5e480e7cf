import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { IncidentAssigneeDto } from '@dqw/shared-types';
import { Dialog } from '../../../shared/ui/dialog/dialog';

/** Picks who handles the selected incidents (active admins and data engineers), or nobody. */
@Component({
  selector: 'dqw-assign-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Dialog, FormsModule],
  template: `
    <dqw-dialog [title]="title()" size="sm" (dismissed)="cancelled.emit()">
      <form (ngSubmit)="submitted.emit(assignee() || null)" novalidate>
        @if (error(); as message) {
          <div class="alert alert-danger" role="alert">{{ message }}</div>
        }
        <div class="mb-4">
          <label for="bulk-assignee" class="form-label">Assign to</label>
          <select
            id="bulk-assignee"
            class="form-select"
            name="assignee"
            [ngModel]="assignee()"
            (ngModelChange)="assignee.set($event)"
          >
            <option value="">Nobody (unassign)</option>
            @for (person of assignees(); track person.id) {
              <option [value]="person.id">{{ person.displayName }}</option>
            }
          </select>
          <div class="form-text">Only active admins and data engineers can take incidents.</div>
        </div>
        <div class="d-flex justify-content-end gap-2">
          <button type="button" class="btn btn-outline-secondary" (click)="cancelled.emit()">Cancel</button>
          <button type="submit" class="btn btn-primary" [disabled]="busy()">Assign</button>
        </div>
      </form>
    </dqw-dialog>
  `,
})
export class AssignDialog {
  readonly title = input('Assign');
  readonly assignees = input<readonly IncidentAssigneeDto[]>([]);
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly submitted = output<string | null>();
  readonly cancelled = output<void>();
  protected readonly assignee = signal('');
}
