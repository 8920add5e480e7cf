import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  input,
  model,
  signal,
  viewChild,
} from '@angular/core';
import { DslCode, DslMark, markRange } from '../../../shared/ui/dsl-code/dsl-code';

/** A problem to underline: where, and what to say about it. */
export interface EditorProblem extends DslMark {
  message: string;
}

/** "Line 1, column 5: …" — the words the list under the editor and the tooltip use. */
export function problemText(problem: EditorProblem): string {
  return `Line ${problem.line}, column ${problem.column}: ${problem.message}`;
}

/** The problem whose marked text contains the caret (or ends right before it), if any. */
export function problemAtCaret(
  text: string,
  problems: readonly EditorProblem[],
  caret: number,
): number | null {
  for (let i = 0; i < problems.length; i++) {
    const [start, end] = markRange(text, problems[i]);
    if (caret >= start && caret <= end && end > start) return i;
  }
  return null;
}

/** DSL positions from an API error's `details` (`[{line, column, length, message}]`); others are skipped. */
export function positionsFrom(details: unknown): EditorProblem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (!d || typeof d !== 'object') return [];
    const { line, column, length, message } = d as Record<string, unknown>;
    if (typeof line !== 'number' || typeof column !== 'number' || typeof message !== 'string') return [];
    return [{ line, column, length: typeof length === 'number' ? Math.max(1, length) : 1, message }];
  });
}

let nextId = 0;

/**
 * The rule text editor: a plain textarea (native editing, undo, IME, screen readers) over a coloured copy
 * of its text. Problems are underlined at their line and column; the message shows on hover and when the
 * caret is in the marked text, and the list below names every problem for keyboard and screen-reader
 * users (each entry moves the caret to its problem).
 */
@Component({
  selector: 'dqw-dsl-editor',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DslCode],
  templateUrl: './dsl-editor.html',
  styleUrl: './dsl-editor.scss',
})
export class DslEditor {
  readonly value = model<string>('');
  readonly problems = input<readonly EditorProblem[]>([]);
  readonly inputId = input.required<string>();
  /** Ids of hint texts that describe the field (the problem list is added to them). */
  readonly describedBy = input<string | null>(null);
  readonly readonly = input(false);
  /** Shown while the check is pending, so "no problems" is not claimed too early. */
  readonly checking = input(false);
  readonly rows = input(4);

  protected readonly listId = `dqw-dsl-problems-${++nextId}`;
  protected readonly tipId = `dqw-dsl-tip-${nextId}`;
  private readonly area = viewChild.required<ElementRef<HTMLTextAreaElement>>('area');
  private readonly layer = viewChild.required<DslCode, ElementRef<HTMLElement>>(DslCode, {
    read: ElementRef,
  });
  private readonly frame = viewChild.required<ElementRef<HTMLElement>>('frame');

  protected readonly scroll = signal({ top: 0, left: 0 });
  private readonly caret = signal<number | null>(null);
  private readonly hovered = signal<{ index: number; x: number; y: number } | null>(null);

  protected readonly ariaDescribedBy = computed(
    () =>
      [this.describedBy(), this.problems().length ? this.listId : null, this.tip() ? this.tipId : null]
        .filter(Boolean)
        .join(' ') || null,
  );

  /** The problem shown in the tooltip: the hovered one, else the one at the caret (while focused). */
  protected readonly tip = computed(() => {
    const problems = this.problems();
    const hovered = this.hovered();
    if (hovered && problems[hovered.index]) {
      return { index: hovered.index, problem: problems[hovered.index], x: hovered.x, y: hovered.y };
    }
    const caret = this.caret();
    if (caret === null) return null;
    const index = problemAtCaret(this.value(), problems, caret);
    if (index === null) return null;
    const place = this.placeOf(index);
    return place ? { index, problem: problems[index], ...place } : null;
  });

  protected readonly problemText = problemText;

  protected onInput(event: Event): void {
    const area = event.target as HTMLTextAreaElement;
    this.value.set(area.value);
    this.trackCaret();
  }

  protected onScroll(): void {
    const area = this.area().nativeElement;
    this.scroll.set({ top: area.scrollTop, left: area.scrollLeft });
    this.hovered.set(null);
  }

  protected trackCaret(): void {
    const area = this.area().nativeElement;
    this.caret.set(area.selectionStart === area.selectionEnd ? area.selectionStart : null);
  }

  protected onBlur(): void {
    this.caret.set(null);
  }

  /** The marks are laid out exactly under the text, so their boxes tell what the pointer is over. */
  protected onPointerMove(event: MouseEvent): void {
    const marks = this.layer().nativeElement.querySelectorAll<HTMLElement>('[data-mark]');
    for (const mark of Array.from(marks)) {
      for (const rect of Array.from(mark.getClientRects())) {
        if (
          event.clientX >= rect.left &&
          event.clientX <= rect.right &&
          event.clientY >= rect.top &&
          event.clientY <= rect.bottom
        ) {
          const index = Number(mark.dataset['mark']);
          const place = this.relative(rect);
          this.hovered.set({ index, ...place });
          return;
        }
      }
    }
    if (this.hovered()) this.hovered.set(null);
  }

  protected onPointerLeave(): void {
    this.hovered.set(null);
  }

  /** Puts the caret on a problem's text (selected) and the focus in the editor. */
  jumpTo(index: number): void {
    const problem = this.problems()[index];
    if (problem) this.select(problem);
  }

  /** Selects a stretch of the text (e.g. a problem found before the `problems` input caught up). */
  select(problem: DslMark): void {
    const area = this.area().nativeElement;
    const [start, end] = markRange(this.value(), problem);
    area.focus();
    area.setSelectionRange(start, end);
    this.caret.set(start);
  }

  focus(): void {
    this.area().nativeElement.focus();
  }

  /** Types `text` at the caret (replacing a selection), as if the user had. */
  insert(text: string): void {
    if (this.readonly()) return;
    const area = this.area().nativeElement;
    area.focus();
    area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
    this.value.set(area.value);
    this.trackCaret();
  }

  private placeOf(index: number): { x: number; y: number } | null {
    const mark = this.layer().nativeElement.querySelector<HTMLElement>(`[data-mark="${index}"]`);
    const rect = mark?.getClientRects()[0];
    return rect ? this.relative(rect) : null;
  }

  /** Below the marked text, relative to the editor's frame. */
  private relative(rect: DOMRect): { x: number; y: number } {
    const frame = this.frame().nativeElement.getBoundingClientRect();
    return { x: Math.max(0, rect.left - frame.left), y: rect.bottom - frame.top + 4 };
  }
}
