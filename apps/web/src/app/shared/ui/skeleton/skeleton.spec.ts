import { TestBed } from '@angular/core/testing';
import { Skeleton } from './skeleton';

describe('Skeleton', () => {
  function render(inputs: { label: string; rows?: number; page?: boolean; heading?: string }): HTMLElement {
    const fixture = TestBed.createComponent(Skeleton);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('tells screen readers what is loading and hides the bars from them', () => {
    const el = render({ label: 'Loading the incident…', rows: 3 });
    const status = el.querySelector('[role="status"]');
    expect(status?.textContent?.trim()).toBe('Loading the incident…');
    expect(el.querySelectorAll('[aria-hidden="true"] .placeholder')).toHaveLength(3);
    expect(el.querySelector('h1')).toBeNull();
  });

  it('draws a heading and a card for a whole page, with the page heading for screen readers', () => {
    const el = render({ label: 'Loading the run…', rows: 2, page: true, heading: 'Run' });
    expect(el.querySelector('h1')?.textContent).toBe('Run');
    expect(el.querySelector('.title')).not.toBeNull();
    expect(el.querySelector('.glass')?.querySelectorAll('.placeholder')).toHaveLength(2);
  });
});
