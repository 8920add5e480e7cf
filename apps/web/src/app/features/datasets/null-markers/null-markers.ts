import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { Icon } from '../../../shared/ui/icon/icon';
import { ProfileView } from '../datasets-api';
import { formatCount } from '../dataset-labels';

export interface MarkerCandidate {
  value: string;
  count: number;
  columns: string[];
}

/** Gathers the profile's proposed null markers over all columns, with how often each was seen. */
export function markerCandidates(
  profile: ProfileView | null,
  accepted: readonly string[],
): MarkerCandidate[] {
  const byValue = new Map<string, MarkerCandidate>();
  for (const column of profile?.columns ?? []) {
    const counts = new Map((column.nullMarkerCounts ?? []).map((c) => [c.value, c.count]));
    for (const value of column.nullMarkerCandidates ?? []) {
      if (accepted.includes(value)) continue;
      const entry = byValue.get(value) ?? { value, count: 0, columns: [] };
      entry.count += counts.get(value) ?? 0;
      entry.columns.push(column.name);
      byValue.set(value, entry);
    }
  }
  return [...byValue.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** The dataset's null markers (values read as empty) and the ones profiling proposes. */
@Component({
  selector: 'dqw-null-markers',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Icon],
  template: `
    <p class="text-body-secondary small">
      A cell is empty when it is blank or equals one of these values (after trimming). Empty cells fail only
      NOT_NULL rules.
    </p>
    @if (markers().length) {
      <ul class="list-unstyled d-flex flex-wrap gap-2 mb-3" aria-label="Values read as empty">
        @for (marker of markers(); track marker) {
          <li class="marker">
            <code>{{ marker }}</code>
            @if (canEdit()) {
              <button
                type="button"
                class="btn btn-icon btn-sm"
                [disabled]="busy()"
                [attr.aria-label]="'Stop reading “' + marker + '” as empty'"
                (click)="remove.emit(marker)"
              >
                <dqw-icon name="close" [size]="14" />
              </button>
            }
          </li>
        }
      </ul>
    } @else {
      <p class="mb-3">None: only blank cells are empty.</p>
    }

    @if (candidateList().length) {
      <p class="fw-semibold mb-2">Profiling found values that look like “empty”:</p>
      <ul class="list-unstyled mb-3" data-testid="marker-candidates">
        @for (c of candidateList(); track c.value) {
          <li class="d-flex flex-wrap align-items-center gap-2 mb-2">
            <code>{{ c.value }}</code>
            <span class="small text-body-secondary"
              >{{ formatCount(c.count) }} {{ c.count === 1 ? 'cell' : 'cells' }} in
              {{ c.columns.join(', ') }}</span
            >
            @if (canEdit()) {
              <button
                type="button"
                class="btn btn-sm btn-outline-secondary"
                [disabled]="busy()"
                [attr.aria-label]="'Read as empty: “' + c.value + '”'"
                (click)="add.emit(c.value)"
              >
                Read as empty
              </button>
            }
          </li>
        }
      </ul>
    }

    @if (canEdit()) {
      <form class="d-flex flex-wrap align-items-end gap-2" (submit)="$event.preventDefault(); addTyped()">
        <div>
          <label for="null-marker-new" class="form-label small mb-1">Another value</label>
          <input
            id="null-marker-new"
            class="form-control form-control-sm"
            maxlength="100"
            placeholder="e.g. unknown"
            [value]="typed()"
            (input)="typed.set($any($event.target).value)"
          />
        </div>
        <button type="submit" class="btn btn-sm btn-outline-secondary" [disabled]="busy() || !typed().trim()">
          Add
        </button>
      </form>
    }
  `,
  styles: `
    .marker {
      display: inline-flex;
      align-items: center;
      gap: 0.15rem;
      padding: 0.1rem 0.2rem 0.1rem 0.5rem;
      border-radius: 999px;
      border: 1px solid var(--dqw-glass-edge);
      background: var(--dqw-code-bg);
    }
    .marker code {
      padding: 0;
      background: none;
    }
    .btn-icon.btn-sm {
      width: 1.75rem;
      height: 1.75rem;
    }
  `,
})
export class NullMarkers {
  readonly markers = input.required<readonly string[]>();
  readonly profile = input<ProfileView | null>(null);
  readonly canEdit = input(false);
  readonly busy = input(false);
  readonly add = output<string>();
  readonly remove = output<string>();
  protected readonly typed = signal('');
  protected readonly formatCount = formatCount;
  protected readonly candidateList = computed(() => markerCandidates(this.profile(), this.markers()));

  protected addTyped(): void {
    const value = this.typed().trim();
    if (!value) return;
    this.add.emit(value);
    this.typed.set('');
  }
}
