import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { DslToken, DslTokenKind, tokenizeDsl } from './dsl-tokens';

/** A stretch of text to mark, 1-based line and column as the rule engine reports them. */
export interface DslMark {
  line: number;
  column: number;
  length: number;
}

export interface DslSegment {
  kind: DslTokenKind;
  text: string;
  /** Index of the mark this text is part of, or null. */
  mark: number | null;
}

/** Offset of (line, column) in `text`; lines end at \r\n, \n or \r as in the engine. Clamped to the text. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const rest = text.slice(offset);
    const m = /\r\n|\n|\r/.exec(rest);
    if (!m) return text.length;
    offset += m.index + m[0].length;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** [start, end) of a mark in `text`; a mark past the end covers the last character (or nothing on ''). */
export function markRange(text: string, mark: DslMark): [number, number] {
  let start = offsetOf(text, mark.line, mark.column);
  if (start >= text.length && text.length > 0) start = text.length - 1;
  const end = Math.min(text.length, start + Math.max(1, mark.length));
  return [start, end];
}

/** Tokens cut where marks begin and end, so each piece has one colour and at most one mark. */
export function segmentsOf(text: string, marks: readonly DslMark[]): DslSegment[] {
  const ranges = marks.map((m) => markRange(text, m));
  const markAt = (offset: number): number | null => {
    for (let i = 0; i < ranges.length; i++) {
      if (offset >= ranges[i][0] && offset < ranges[i][1]) return i;
    }
    return null;
  };
  const segments: DslSegment[] = [];
  const tokens: DslToken[] = tokenizeDsl(text);
  for (const token of tokens) {
    let pieceStart = token.start;
    let current = markAt(token.start);
    for (let o = token.start + 1; o <= token.start + token.text.length; o++) {
      const next = o < token.start + token.text.length ? markAt(o) : Symbol.for('end');
      if (next !== current) {
        segments.push({ kind: token.kind, text: text.slice(pieceStart, o), mark: current });
        pieceStart = o;
        if (typeof next !== 'symbol') current = next;
      }
    }
  }
  return segments;
}

/**
 * Rule text with syntax colours, and problem marks underlined (wavy, in the danger colour). Used read-only
 * in lists and run pages, and as the coloured layer under the rule editor's textarea.
 */
@Component({
  selector: 'dqw-dsl-code',
  changeDetection: ChangeDetectionStrategy.OnPush,
  // One line on purpose: white space between the spans would show inside <pre>.
  template: `<pre
    class="dsl"
    [class.dsl-inline]="inline()"
  ><code>@for (seg of segments(); track $index) {<span class="t-{{ seg.kind }}" [class.mark]="seg.mark !== null" [class.mark-active]="seg.mark !== null && seg.mark === activeMark()" [attr.data-mark]="seg.mark">{{ seg.text }}</span>}{{ trailer() }}</code></pre>`,
  styleUrl: './dsl-code.scss',
})
export class DslCode {
  readonly code = input.required<string>();
  readonly marks = input<readonly DslMark[]>([]);
  readonly activeMark = input<number | null>(null);
  /** In a table cell: no box, wraps. */
  readonly inline = input(false);
  protected readonly segments = computed(() => segmentsOf(this.code(), this.marks()));
  // A final line break needs something after it to take up a line, like the textarea does.
  protected readonly trailer = computed(() => (/[\n\r]$/.test(this.code()) ? ' ' : ''));
}
