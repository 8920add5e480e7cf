import { Component, signal } from '@angular/core';
import { DeferBlockBehavior, DeferBlockState, TestBed } from '@angular/core/testing';
import { ThemeService } from '../../../core/theme/theme-service';
import { ChartCanvas } from '../chart-canvas/chart-canvas';
import { ChartSeries, chartColors } from '../chart-theme';
import { BarChart } from './bar-chart';

@Component({
  imports: [BarChart],
  template: `<dqw-bar-chart
    label="Runs per verdict"
    categoryHeader="Verdict"
    [categories]="categories()"
    [series]="series()"
    [max]="100"
  />`,
})
class Host {
  readonly categories = signal(['Passed', 'Failed']);
  readonly series = signal<ChartSeries[]>([
    { label: 'Monday', values: [12, 3], tone: 'success' },
    { label: 'Tuesday', values: [1234.5, null] },
  ]);
}

describe('BarChart', () => {
  beforeEach(() => {
    TestBed.configureTestingModule({ deferBlockBehavior: DeferBlockBehavior.Manual });
  });

  it('puts the numbers in a hidden table with a caption and headers, formatted for people', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const table = (fixture.nativeElement as HTMLElement).querySelector('table.visually-hidden');
    expect(table?.querySelector('caption')?.textContent?.trim()).toBe('Runs per verdict');
    const headers = [...(table?.querySelectorAll('thead th') ?? [])].map((th) => th.textContent?.trim());
    expect(headers).toEqual(['Verdict', 'Monday', 'Tuesday']);
    const rows = [...(table?.querySelectorAll('tbody tr') ?? [])].map((tr) =>
      [...tr.querySelectorAll('th,td')].map((c) => c.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['Passed', '12', '1,234.5'],
      ['Failed', '3', '–'],
    ]);
  });

  it('loads the canvas only when the deferred block renders, labelled as an image', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('canvas')).toBeNull();
    expect(el.querySelector('.chart-placeholder')).not.toBeNull();

    const [block] = await fixture.getDeferBlocks();
    await block.render(DeferBlockState.Complete);
    const canvas = el.querySelector('canvas');
    expect(canvas?.getAttribute('role')).toBe('img');
    expect(canvas?.getAttribute('aria-label')).toBe(
      'Runs per verdict: bar chart. The same data follows as a table.',
    );
  });

  it('colours the series from the theme and follows a theme switch', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const [block] = await fixture.getDeferBlocks();
    await block.render(DeferBlockState.Complete);
    const canvas = fixture.debugElement.query((d) => d.componentInstance instanceof ChartCanvas);
    const config = () => (canvas.componentInstance as ChartCanvas).config();

    const theme = TestBed.inject(ThemeService);
    theme.set('light', false);
    await fixture.whenStable();
    expect(config().data.datasets.map((d) => d.backgroundColor)).toEqual([
      chartColors('light').tones.success,
      chartColors('light').tones.info, // the second series without a tone takes the second colour
    ]);
    expect(config().options?.scales?.['y']?.max).toBe(100);

    theme.set('dark', false);
    await fixture.whenStable();
    expect(config().data.datasets[0].backgroundColor).toBe(chartColors('dark').tones.success);
  });
});
