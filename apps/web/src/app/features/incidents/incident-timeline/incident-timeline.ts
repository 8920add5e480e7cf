import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import { IncidentEventDto } from '@dqw/shared-types';
import { describeEvent } from '../timeline-text';

/** The incident's story, oldest first: what happened, who did it and when, notes and comments. */
@Component({
  selector: 'dqw-incident-timeline',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RouterLink],
  providers: [DatePipe],
  template: `
    @if (hidden() > 0) {
      <button
        type="button"
        class="btn btn-sm btn-outline-secondary mb-3"
        [disabled]="loadingEarlier()"
        (click)="loadEarlier.emit()"
      >
        Show earlier events ({{ hidden() }} more)
      </button>
    }
    <ol class="timeline list-unstyled mb-0">
      @for (entry of entries(); track entry.event.id) {
        <li class="entry tone-{{ entry.text.tone }}" [attr.data-event]="entry.event.type">
          <div class="d-flex flex-wrap justify-content-between gap-2">
            <span class="fw-semibold">{{ entry.text.summary }}</span>
            <time class="small text-body-secondary" [attr.datetime]="entry.event.at">{{
              entry.event.at | date: 'medium'
            }}</time>
          </div>
          @if (entry.text.facts || entry.event.runId) {
            <div class="small text-body-secondary">
              {{ entry.text.facts }}
              @if (entry.event.runId) {
                @if (entry.text.facts) {
                  ·
                }
                <a [routerLink]="['/runs', entry.event.runId]">the run</a>
              }
            </div>
          }
          @if (entry.event.body) {
            <p class="body mb-0 mt-1" [class.comment]="entry.event.type === 'comment'">
              {{ entry.event.body }}
            </p>
          }
        </li>
      } @empty {
        <li class="text-body-secondary">Nothing has happened yet.</li>
      }
    </ol>
  `,
  styles: `
    .timeline {
      position: relative;
    }
    .entry {
      position: relative;
      padding: 0 0 1rem 1.25rem;
      border-left: 2px solid var(--dqw-glass-edge);
      margin-left: 0.4rem;
      &::before {
        content: '';
        position: absolute;
        left: -0.45rem;
        top: 0.3rem;
        width: 0.8rem;
        height: 0.8rem;
        border-radius: 50%;
        background: var(--bs-secondary-bg-subtle);
        border: 2px solid var(--bs-secondary-border-subtle);
      }
      &:last-child {
        padding-bottom: 0;
      }
    }
    @each $tone in (danger, warning, success, primary, info) {
      .tone-#{$tone}::before {
        background: var(--bs-#{$tone}-bg-subtle);
        border-color: var(--bs-#{$tone}-text-emphasis);
      }
    }
    .body {
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .comment {
      padding: 0.5rem 0.75rem;
      border-radius: 0.6rem;
      background: var(--dqw-code-bg);
    }
  `,
})
export class IncidentTimeline {
  readonly events = input.required<readonly IncidentEventDto[]>();
  /** Older events not loaded yet. */
  readonly hidden = input(0);
  readonly loadingEarlier = input(false);
  /** A user id → a name (for assignments). */
  readonly nameOf = input<(id: string | null) => string>((id) => id ?? 'nobody');
  readonly loadEarlier = output<void>();
  private readonly date = inject(DatePipe);
  protected readonly entries = computed(() => {
    const nameOf = this.nameOf();
    const time = (iso: string) => this.date.transform(iso, 'medium') ?? iso;
    return this.events().map((event) => ({ event, text: describeEvent(event, nameOf, time) }));
  });
}
