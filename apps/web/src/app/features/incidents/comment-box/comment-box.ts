import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { INCIDENT_COMMENT_MAX_LENGTH } from '@dqw/shared-types';

/** Adds a comment to the timeline. The page clears it (`reset`) once the comment is saved. */
@Component({
  selector: 'dqw-comment-box',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  template: `
    <form (ngSubmit)="submit()" novalidate aria-label="Add a comment">
      <label for="incident-comment" class="form-label fw-semibold">Comment</label>
      <textarea
        id="incident-comment"
        class="form-control"
        rows="3"
        name="comment"
        [maxlength]="max"
        [ngModel]="text()"
        (ngModelChange)="text.set($event); problem.set(null)"
        [class.is-invalid]="problem() || error()"
        [attr.aria-invalid]="!!(problem() || error())"
        [attr.aria-describedby]="problem() || error() ? 'incident-comment-error' : 'incident-comment-count'"
        placeholder="What you found, who you asked, what happens next"
      ></textarea>
      @if (problem() || error(); as message) {
        <div id="incident-comment-error" class="invalid-feedback">{{ message }}</div>
      }
      <div class="d-flex flex-wrap justify-content-between align-items-center gap-2 mt-2">
        <span id="incident-comment-count" class="small text-body-secondary">{{ remaining() }}</span>
        <button type="submit" class="btn btn-primary btn-sm" [disabled]="busy()">
          @if (busy()) {
            <span class="spinner-border spinner-border-sm me-1" aria-hidden="true"></span>
          }
          Add comment
        </button>
      </div>
    </form>
  `,
})
export class CommentBox {
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly posted = output<string>();
  protected readonly max = INCIDENT_COMMENT_MAX_LENGTH;
  protected readonly text = signal('');
  protected readonly problem = signal<string | null>(null);
  protected readonly remaining = computed(() => {
    const left = this.max - this.text().length;
    return left < 500
      ? `${left.toLocaleString()} characters left`
      : 'Comments are kept on the timeline for everyone.';
  });

  reset(): void {
    this.text.set('');
    this.problem.set(null);
  }

  protected submit(): void {
    const text = this.text();
    if (!text.trim()) {
      this.problem.set('Write something first.');
      return;
    }
    this.posted.emit(text);
  }
}
