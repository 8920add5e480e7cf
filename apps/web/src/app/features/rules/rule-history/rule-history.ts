import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { RuleVersionDto } from '@dqw/shared-types';
import { DslCode } from '../../../shared/ui/dsl-code/dsl-code';

/** What a version changed compared with the one before it, in words. */
export function versionChanges(version: RuleVersionDto, previous: RuleVersionDto | undefined): string[] {
  if (!previous) return ['Created'];
  const changes: string[] = [];
  if (version.dsl !== previous.dsl) changes.push('rule text changed');
  if (version.name !== previous.name) changes.push(`renamed from “${previous.name}”`);
  if ((version.description ?? '') !== (previous.description ?? '')) changes.push('description changed');
  if (version.severity !== previous.severity)
    changes.push(`severity ${previous.severity} → ${version.severity}`);
  if (version.active !== previous.active) changes.push(version.active ? 'activated' : 'deactivated');
  if ((version.schedule ?? '') !== (previous.schedule ?? '')) {
    changes.push(version.schedule ? `schedule ${version.schedule}` : 'schedule removed');
  }
  return changes.length ? [changes.join(', ').replace(/^./, (c) => c.toUpperCase())] : ['No visible change'];
}

/** A rule's versions, newest first; any version's text can be loaded back into the editor. */
@Component({
  selector: 'dqw-rule-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DslCode],
  template: `
    @if (entries().length === 0) {
      <p class="text-body-secondary mb-0">The history starts when the rule is saved.</p>
    } @else {
      <ol class="list-unstyled mb-0 history">
        @for (entry of entries(); track entry.version.id) {
          <li>
            <div class="d-flex flex-wrap align-items-baseline justify-content-between gap-2">
              <strong>Version {{ entry.version.version }}</strong>
              <span class="small text-body-secondary">
                {{ entry.version.createdAt | date: 'medium' }} · {{ author(entry.version) }}
              </span>
            </div>
            <div class="small">{{ entry.changes }}</div>
            <dqw-dsl-code class="my-1" [code]="entry.version.dsl" [inline]="true" />
            @if (canEdit() && entry.version.dsl !== currentDsl()) {
              <button type="button" class="btn btn-link btn-sm p-0" (click)="useText.emit(entry.version.dsl)">
                Put this text in the editor<span class="visually-hidden">
                  (version {{ entry.version.version }})</span
                >
              </button>
            }
          </li>
        }
      </ol>
    }
  `,
  styles: `
    .history > li {
      padding: 0.6rem 0;
      border-bottom: 1px solid var(--dqw-glass-edge);
    }
    .history > li:last-child {
      border-bottom: 0;
    }
  `,
})
export class RuleHistory {
  readonly versions = input.required<readonly RuleVersionDto[]>();
  readonly currentUserId = input<string | null>(null);
  readonly currentDsl = input('');
  readonly canEdit = input(false);
  readonly useText = output<string>();
  protected readonly entries = computed(() => {
    const all = this.versions();
    return all.map((version, i) => ({ version, changes: versionChanges(version, all[i + 1])[0] }));
  });

  protected author(version: RuleVersionDto): string {
    if (version.createdBy === null) return 'by the system';
    return version.createdBy === this.currentUserId() ? 'by you' : 'by another user';
  }
}
