import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { TextPosition } from '@dqw/shared-types';
import { DslCode } from '../../../shared/ui/dsl-code/dsl-code';
import { AcceptOutcome } from '../dataset-detail-store';
import { RecommendationView } from '../datasets-api';

export interface AcceptRequest {
  recommendation: RecommendationView;
  /** The edited rule text, when the user changed it. */
  dsl?: string;
  /** Called with the server's answer, so the card can show refused rule text at its position. */
  done: (outcome: AcceptOutcome) => void;
}

interface Refusal {
  id: string;
  dsl: string;
  message: string;
  positions: TextPosition[];
}

/** Proposed rules with their rationale and confidence: accept, edit then accept, or dismiss. */
@Component({
  selector: 'dqw-recommendation-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DslCode],
  templateUrl: './recommendation-list.html',
  styleUrl: './recommendation-list.scss',
})
export class RecommendationList {
  readonly recommendations = input.required<readonly RecommendationView[]>();
  readonly canEdit = input(false);
  readonly isBusy = input<(id: string) => boolean>(() => false);
  readonly accept = output<AcceptRequest>();
  readonly dismiss = output<RecommendationView>();

  protected readonly editing = signal<string | null>(null);
  protected readonly draft = signal('');
  protected readonly refusal = signal<Refusal | null>(null);
  protected readonly sorted = computed(() =>
    [...this.recommendations()].sort((a, b) => b.confidence - a.confidence),
  );
  /** The most confident first; the rest behind "Show all". */
  protected readonly limit = 6;
  protected readonly showAll = signal(false);
  protected readonly shown = computed(() => {
    const all = this.sorted();
    if (this.showAll()) return all;
    const first = all.slice(0, this.limit);
    // A card being edited or showing a refusal stays visible.
    const open = all.filter(
      (r) => !first.includes(r) && (r.id === this.editing() || r.id === this.refusal()?.id),
    );
    return [...first, ...open];
  });

  protected percent(confidence: number): number {
    return Math.round(Math.max(0, Math.min(1, confidence)) * 100);
  }

  protected startEdit(rec: RecommendationView): void {
    this.editing.set(rec.id);
    this.draft.set(this.refusal()?.id === rec.id ? (this.refusal()?.dsl ?? rec.dsl) : rec.dsl);
  }

  protected cancelEdit(): void {
    this.editing.set(null);
    this.refusal.set(null);
  }

  protected submit(rec: RecommendationView): void {
    const dsl = this.editing() === rec.id ? this.draft() : undefined;
    this.refusal.set(null);
    this.accept.emit({
      recommendation: rec,
      dsl,
      done: (outcome) => {
        if (outcome.ok) {
          if (this.editing() === rec.id) this.editing.set(null);
          return;
        }
        this.refusal.set({
          id: rec.id,
          dsl: dsl ?? rec.dsl,
          message: outcome.message,
          positions: outcome.positions,
        });
        if (outcome.positions.length && this.editing() !== rec.id) this.startEdit(rec);
      },
    });
  }

  protected refusalFor(id: string): Refusal | null {
    const refusal = this.refusal();
    return refusal?.id === id ? refusal : null;
  }

  protected typeLabel(type: string): string {
    return type.replace(/_/g, ' ').toLowerCase();
  }
}
