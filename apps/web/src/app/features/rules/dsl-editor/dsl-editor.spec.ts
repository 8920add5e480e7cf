import { ChangeDetectionStrategy, Component, signal, viewChild } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { find } from '../../../testing/dom';
import { DslEditor, EditorProblem, positionsFrom, problemAtCaret } from './dsl-editor';

@Component({
  selector: 'dqw-test-host',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DslEditor],
  template: `<dqw-dsl-editor
    inputId="dsl"
    [(value)]="text"
    [problems]="problems()"
    [readonly]="readonly()"
  />`,
})
class Host {
  readonly text = signal('NOT_NULL(emial) WHERE x > 1');
  readonly problems = signal<EditorProblem[]>([]);
  readonly readonly = signal(false);
  readonly editor = viewChild.required(DslEditor);
}

describe('DslEditor', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    return { fixture, el, host: fixture.componentInstance, area: find<HTMLTextAreaElement>(el, 'textarea') };
  }

  it('colours the text and underlines each problem at its line and column', async () => {
    const { fixture, el, host } = await render();
    expect(el.querySelector('.t-rule')?.textContent).toBe('NOT_NULL');
    expect(el.querySelector('.t-keyword')?.textContent).toBe('WHERE');
    host.problems.set([{ line: 1, column: 10, length: 5, message: "Unknown column 'emial'" }]);
    await fixture.whenStable();
    const marks = [...el.querySelectorAll('.mark')].map((m) => m.textContent);
    expect(marks).toEqual(['emial']);
  });

  it('lists the problems for screen readers and links the field to the list', async () => {
    const { fixture, el, host, area } = await render();
    expect(area.getAttribute('aria-invalid')).toBe('false');
    host.problems.set([{ line: 1, column: 10, length: 5, message: "Unknown column 'emial'" }]);
    await fixture.whenStable();
    const list = find(el, '[data-testid="dsl-problems"]');
    expect(list.textContent).toContain("Line 1, column 10: Unknown column 'emial'");
    expect(area.getAttribute('aria-invalid')).toBe('true');
    expect(area.getAttribute('aria-describedby')).toContain(list.id);
  });

  it('moves the caret to a problem and selects its text when the problem is chosen', async () => {
    const { fixture, el, host, area } = await render();
    host.problems.set([{ line: 1, column: 10, length: 5, message: 'x' }]);
    await fixture.whenStable();
    find<HTMLButtonElement>(el, '[data-testid="dsl-problems"] button').click();
    expect(document.activeElement).toBe(area);
    expect([area.selectionStart, area.selectionEnd]).toEqual([9, 14]);
  });

  it('reports typing through the two-way value, and types column names at the caret', async () => {
    const { fixture, host, area } = await render();
    area.value = 'UNIQUE()';
    area.dispatchEvent(new Event('input'));
    expect(host.text()).toBe('UNIQUE()');
    area.setSelectionRange(7, 7);
    host.editor().insert('"order id"');
    await fixture.whenStable();
    expect(host.text()).toBe('UNIQUE("order id")');
  });

  it('is read-only when asked', async () => {
    const { fixture, host, area } = await render();
    host.readonly.set(true);
    await fixture.whenStable();
    expect(area.readOnly).toBe(true);
    host.editor().insert('x');
    expect(host.text()).toBe('NOT_NULL(emial) WHERE x > 1');
  });
});

describe('editor helpers', () => {
  it('finds the problem under the caret, including right after its last character', () => {
    const problems = [{ line: 1, column: 10, length: 5, message: 'x' }];
    expect(problemAtCaret('NOT_NULL(emial)', problems, 8)).toBeNull();
    expect(problemAtCaret('NOT_NULL(emial)', problems, 9)).toBe(0);
    expect(problemAtCaret('NOT_NULL(emial)', problems, 14)).toBe(0);
  });

  it('reads DSL positions from an error body and skips anything else', () => {
    expect(
      positionsFrom([
        { line: 1, column: 3, length: 2, message: 'a' },
        { field: 'name', message: 'b' },
        { line: 2, column: 1, message: 'c' },
        null,
      ]),
    ).toEqual([
      { line: 1, column: 3, length: 2, message: 'a' },
      { line: 2, column: 1, length: 1, message: 'c' },
    ]);
    expect(positionsFrom({ line: 1 })).toEqual([]);
  });
});
