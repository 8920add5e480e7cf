import { Injectable, computed, inject } from '@angular/core';
import { Theme, ThemeService } from '../../core/theme/theme-service';

/** Meaningful colours a series can take; pick `danger` for failures, `success` for passes. */
export type ChartTone = 'primary' | 'success' | 'danger' | 'warning' | 'info' | 'neutral';

/** One named row of numbers, aligned with the chart's categories (null = no value). */
export interface ChartSeries {
  label: string;
  values: readonly (number | null)[];
  tone?: ChartTone;
}

export interface ChartColors {
  text: string;
  muted: string;
  grid: string;
  /** The opaque colour cells sit on (heatmap's "zero"). */
  surface: string;
  tooltipBg: string;
  tones: Record<ChartTone, string>;
}

/** Series without a tone take these in turn. */
export const SERIES_TONES: readonly ChartTone[] = [
  'primary',
  'info',
  'success',
  'warning',
  'danger',
  'neutral',
];

// Every tone keeps ≥ 3:1 against the glass cards of its theme (WCAG 1.4.11, graphical objects).
const LIGHT: ChartColors = {
  text: '#1a2035',
  muted: '#4b5468',
  grid: 'rgba(26, 32, 53, 0.12)',
  surface: '#f7f8fd',
  tooltipBg: 'rgba(26, 32, 53, 0.92)',
  tones: {
    primary: '#3347c9',
    success: '#157347',
    danger: '#c62a3a',
    warning: '#a86a00',
    info: '#0b6fa3',
    neutral: '#5c6477',
  },
};

const DARK: ChartColors = {
  text: '#e7eaf3',
  muted: '#b1b9ce',
  grid: 'rgba(255, 255, 255, 0.14)',
  surface: '#1b213a',
  tooltipBg: 'rgba(10, 14, 30, 0.95)',
  tones: {
    primary: '#8c9bff',
    success: '#4cc38a',
    danger: '#ff8a96',
    warning: '#f0ad1e',
    info: '#5cc3f0',
    neutral: '#aab2c8',
  },
};

export function chartColors(theme: Theme): ChartColors {
  return theme === 'dark' ? DARK : LIGHT;
}

export function toneOf(series: ChartSeries, index: number): ChartTone {
  return series.tone ?? SERIES_TONES[index % SERIES_TONES.length];
}

/** `#rrggbb` with an alpha, for fills under lines. */
export function withAlpha(hex: string, alpha: number): string {
  const [r, g, b] = rgbOf(hex);
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

export function rgbOf(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number];
}

/** Numbers as people read them: 1,234 / 12.5 / 0.25. */
export function formatChartNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat('en', { maximumFractionDigits: 2 }).format(value);
}

/** The colours of the current theme; charts redraw when the user switches themes. */
@Injectable({ providedIn: 'root' })
export class ChartTheme {
  private readonly theme = inject(ThemeService);
  readonly colors = computed(() => chartColors(this.theme.theme()));
}
