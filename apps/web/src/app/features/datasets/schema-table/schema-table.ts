import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { ColumnType, DatasetDetailDto } from '@dqw/shared-types';
import { TopValuesChart } from '../../../shared/charts/top-values-chart/top-values-chart';
import { ColumnProfileView, ProfileView } from '../datasets-api';
import { TYPE_LABELS, formatCount, formatShare, formatStat } from '../dataset-labels';

export interface SchemaRow {
  name: string;
  type: ColumnType;
  format: string | null;
  /** The user chose this type (an override), rather than profiling. */
  overridden: boolean;
  /** A database column: its type comes from the database and can't change. */
  native: boolean;
  nativeType: string | null;
  profile: ColumnProfileView | null;
}

/** The dataset's columns with their profile: type, empty share, distinct values, range, top values. */
@Component({
  selector: 'dqw-schema-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TopValuesChart],
  templateUrl: './schema-table.html',
  styleUrl: './schema-table.scss',
})
export class SchemaTable {
  readonly dataset = input.required<DatasetDetailDto>();
  readonly profile = input<ProfileView | null>(null);
  readonly canEdit = input(false);
  readonly editType = output<SchemaRow>();

  protected readonly typeLabels = TYPE_LABELS;
  protected readonly formatCount = formatCount;
  protected readonly formatShare = formatShare;
  protected readonly formatStat = formatStat;

  protected readonly rows = computed<SchemaRow[]>(() => {
    const dataset = this.dataset();
    const stored = new Map((dataset.currentVersion?.columns ?? []).map((c) => [c.name, c]));
    const profiled = new Map((this.profile()?.columns ?? []).map((c) => [c.name, c]));
    return dataset.columns.map((c) => {
      const version = stored.get(c.name);
      return {
        name: c.name,
        type: c.type,
        format: c.format ?? null,
        overridden: c.name in dataset.columnOverrides,
        native: version?.storage === 'native',
        nativeType: version?.nativeType ?? null,
        profile: profiled.get(c.name) ?? null,
      };
    });
  });

  /** A profile's pattern classes in words ("email 99%"). */
  protected patterns(row: SchemaRow): string {
    return (row.profile?.patterns ?? [])
      .filter((p) => p.share >= 0.5)
      .slice(0, 2)
      .map((p) => `${p.name} ${formatShare(p.share)}`)
      .join(', ');
  }

  protected hasRange(row: SchemaRow): boolean {
    return row.profile !== null && (row.profile.min !== null || row.profile.max !== null);
  }
}
