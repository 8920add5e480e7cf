import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { ThemeService } from '../../../core/theme/theme-service';
import { chartColors, rgbOf } from '../chart-theme';
import { Heatmap, mix, readableOn, relativeLuminance } from './heatmap';

@Component({
  imports: [Heatmap],
  template: `<dqw-heatmap
    label="Incidents by dataset and day"
    rowHeader="Dataset"
    [rows]="['orders', 'customers']"
    [columns]="['Mon', 'Tue', 'Wed']"
    [values]="[
      [0, 4, null],
      [8, 2, 1],
    ]"
  />`,
})
class Host {}

function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.startsWith('#') ? rgbOf(c) : (c.match(/\d+/g) ?? []).map(Number);
    return relativeLuminance(r, g, bl);
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

describe('Heatmap', () => {
  it('is a table with row and column headers and every number in its cell', async () => {
    const fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('caption')?.textContent?.trim()).toBe('Incidents by dataset and day');
    const rows = [...el.querySelectorAll('tbody tr')].map((tr) =>
      [...tr.querySelectorAll('th,td')].map((c) => c.textContent?.trim()),
    );
    expect(rows).toEqual([
      ['orders', '0', '4', '–'],
      ['customers', '8', '2', '1'],
    ]);
    expect(el.querySelectorAll('tbody th[scope="row"]')).toHaveLength(2);
  });

  it('shades by value (the largest gets the full tone) with readable text in both themes', async () => {
    for (const theme of ['light', 'dark'] as const) {
      TestBed.inject(ThemeService).set(theme, false);
      const fixture = TestBed.createComponent(Host);
      await fixture.whenStable();
      const cells = [...(fixture.nativeElement as HTMLElement).querySelectorAll<HTMLElement>('tbody td')];
      const max = cells.find((c) => c.textContent?.trim() === '8');
      const [r, g, b] = rgbOf(chartColors(theme).tones.danger);
      expect(max?.style.backgroundColor).toBe(`rgb(${r}, ${g}, ${b})`);
      for (const cell of cells.filter((c) => c.style.backgroundColor)) {
        expect(
          contrast(cell.style.color, cell.style.backgroundColor),
          `${theme} ${cell.textContent}`,
        ).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('mixes colours linearly and picks black or white by contrast', () => {
    expect(mix('#000000', '#ffffff', 0.5)).toBe('rgb(128, 128, 128)');
    expect(mix('#000000', '#ffffff', 2)).toBe('rgb(255, 255, 255)');
    expect(readableOn('rgb(255, 255, 255)')).toBe('#000000');
    expect(readableOn('rgb(20, 30, 60)')).toBe('#ffffff');
  });
});
