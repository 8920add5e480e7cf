import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { button, find } from '../../../testing/dom';
import { RecommendationView } from '../datasets-api';
import { recommendationFixture } from '../testing/dataset-fixtures';
import { AcceptRequest, RecommendationList } from './recommendation-list';

@Component({
  imports: [RecommendationList],
  template: `<dqw-recommendation-list
    [recommendations]="recs()"
    [canEdit]="canEdit()"
    (accept)="accepted.push($event)"
    (dismiss)="dismissed.push($event)"
  />`,
})
class Host {
  readonly recs = signal<RecommendationView[]>([
    recommendationFixture({ id: 'low', dsl: 'NOT_NULL(email)', confidence: 0.6 }),
    recommendationFixture({
      id: 'high',
      dsl: 'IN_RANGE(amount, 0, null)',
      confidence: 0.9,
      column: 'amount',
    }),
  ]);
  readonly canEdit = signal(true);
  readonly accepted: AcceptRequest[] = [];
  readonly dismissed: RecommendationView[] = [];
}

describe('RecommendationList', () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    return { fixture, host: fixture.componentInstance, el: fixture.nativeElement as HTMLElement };
  }

  it('lists the most confident first with rationale and confidence', async () => {
    const { el } = await render();
    const cards = [...el.querySelectorAll('[data-recommendation]')].map((c) =>
      c.getAttribute('data-recommendation'),
    );
    expect(cards).toEqual(['IN_RANGE(amount, 0, null)', 'NOT_NULL(email)']);
    expect(el.textContent).toContain('Confidence 90%');
    expect(el.textContent).toContain('Every one of the 1,000 values is different.');
  });

  it('accepts as proposed, or edits first and shows a refused rule at its position', async () => {
    const { el, fixture, host } = await render();
    const card = find(el, '[data-recommendation="IN_RANGE(amount, 0, null)"]');
    button(card, 'Accept').click();
    expect(host.accepted[0].dsl).toBeUndefined();

    button(card, 'Edit').click();
    await fixture.whenStable();
    const text = find<HTMLTextAreaElement>(card, 'textarea');
    expect(text.value).toBe('IN_RANGE(amount, 0, null)');
    text.value = 'IN_RANGE(amont, 0, 100)';
    text.dispatchEvent(new Event('input'));
    button(card, 'Accept edited rule').click();
    const request = host.accepted[1];
    expect(request.dsl).toBe('IN_RANGE(amont, 0, 100)');

    request.done({
      ok: false,
      message: 'The rule is not valid',
      positions: [
        { line: 1, column: 10, length: 5, message: "Unknown column 'amont' — did you mean 'amount'?" },
      ],
    });
    await fixture.whenStable();
    const errors = find(card, '[data-testid="dsl-errors"]');
    expect(errors.textContent).toContain("Line 1, column 10: Unknown column 'amont'");
    expect(find(errors, '.mark').textContent).toBe('amont');
    expect(text.getAttribute('aria-invalid')).toBe('true');
    expect(text.getAttribute('aria-describedby')).toBe(errors.id);

    request.done({ ok: true, ruleName: 'x' });
    await fixture.whenStable();
    expect(card.querySelector('textarea')).toBeNull();
  });

  it('offers no actions to read-only users', async () => {
    const { el, fixture, host } = await render();
    host.canEdit.set(false);
    await fixture.whenStable();
    expect(el.querySelectorAll('button')).toHaveLength(0);
  });
});
