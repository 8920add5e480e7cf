import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import { ColumnOverride, UploadResultDto } from '@dqw/shared-types';
import { AuthStore } from '../../../core/auth/auth-store';
import { ConfirmDialog } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { Icon } from '../../../shared/ui/icon/icon';
import { ProgressBar } from '../../../shared/ui/progress-bar/progress-bar';
import { ColumnTypeDialog } from '../column-type-dialog/column-type-dialog';
import { SOURCE_LABELS, formatCount, scoreTone } from '../dataset-labels';
import { DatasetDetailStore } from '../dataset-detail-store';
import { versionDownloadUrl } from '../datasets-api';
import { NullMarkers } from '../null-markers/null-markers';
import { AcceptRequest, RecommendationList } from '../recommendation-list/recommendation-list';
import { RunPanel } from '../run-panel/run-panel';
import { SchemaRow, SchemaTable } from '../schema-table/schema-table';
import { VersionList } from '../version-list/version-list';
import { VersionUploadDialog } from '../version-upload-dialog/version-upload-dialog';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

const PHASES: Record<string, string> = {
  opening: 'Opening the data',
  profiling: 'Profiling the columns',
  recommending: 'Proposing rules',
  done: 'Done',
  error: 'Failed',
};

/** One dataset: its header, checks, recommended rules, schema with profiles, null markers and versions. */
@Component({
  selector: 'dqw-dataset-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    Icon,
    EmptyState,
    ProgressBar,
    ConfirmDialog,
    RunPanel,
    RecommendationList,
    SchemaTable,
    NullMarkers,
    VersionList,
    VersionUploadDialog,
    ColumnTypeDialog,
    Skeleton,
  ],
  providers: [DatasetDetailStore],
  templateUrl: './dataset-detail.html',
  styleUrl: './dataset-detail.scss',
})
export class DatasetDetail {
  /** The route's `:id`. */
  readonly id = input.required<string>();
  protected readonly store = inject(DatasetDetailStore);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  private readonly title = inject(Title);

  protected readonly canEdit = computed(() => this.auth.hasRole('Admin', 'DataEngineer'));
  protected readonly sourceLabels = SOURCE_LABELS;
  protected readonly phaseLabel = computed(() => {
    const phase = this.store.profileProgress()?.phase;
    return (phase && PHASES[phase]) || 'waiting for a worker';
  });
  protected readonly formatCount = formatCount;
  protected readonly scoreTone = scoreTone;
  protected readonly uploadingVersion = signal(false);
  protected readonly confirmingDelete = signal(false);
  protected readonly deleting = signal(false);
  protected readonly editingDescription = signal(false);
  protected readonly descriptionDraft = signal('');
  protected readonly descriptionError = signal<string | null>(null);
  protected readonly typeColumn = signal<SchemaRow | null>(null);
  protected readonly typeError = signal<string | null>(null);
  protected readonly markerError = signal<string | null>(null);

  protected readonly downloadUrl = computed(() => {
    const ds = this.store.dataset();
    const v = ds?.currentVersion;
    return ds && v?.fileName ? versionDownloadUrl(ds.id, v.number) : null;
  });
  protected readonly isBusy = (id: string) => this.store.isBusy(id);

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.store.init(id));
    });
    effect(() => {
      const name = this.store.dataset()?.name;
      if (name) this.title.setTitle(`${name} · Datasets · Watchtower`);
    });
  }

  protected startDescription(): void {
    this.descriptionDraft.set(this.store.dataset()?.description ?? '');
    this.descriptionError.set(null);
    this.editingDescription.set(true);
  }

  protected async saveDescription(): Promise<void> {
    const text = this.descriptionDraft().trim();
    const problem = await this.store.update({ description: text || null }, 'Description saved.');
    if (problem) this.descriptionError.set(problem.serverMessage ?? problem.message);
    else this.editingDescription.set(false);
  }

  protected async saveType(override: ColumnOverride | null): Promise<void> {
    const column = this.typeColumn();
    if (!column) return;
    this.typeError.set(null);
    const problem = await this.store.setColumnType(column.name, override);
    if (problem) this.typeError.set(problem.serverMessage ?? problem.message);
    else this.typeColumn.set(null);
  }

  protected async addMarker(marker: string): Promise<void> {
    const problem = await this.store.addNullMarker(marker);
    this.markerError.set(problem ? (problem.serverMessage ?? problem.message) : null);
  }

  protected async removeMarker(marker: string): Promise<void> {
    const problem = await this.store.removeNullMarker(marker);
    this.markerError.set(problem ? (problem.serverMessage ?? problem.message) : null);
  }

  protected async accept(request: AcceptRequest): Promise<void> {
    request.done(await this.store.accept(request.recommendation, request.dsl));
  }

  protected versionUploaded(result: UploadResultDto | null): void {
    this.uploadingVersion.set(false);
    if (result?.created) void this.store.reload({ quiet: true });
  }

  protected async confirmDelete(): Promise<void> {
    this.deleting.set(true);
    const deleted = await this.store.remove();
    this.deleting.set(false);
    this.confirmingDelete.set(false);
    if (deleted) await this.router.navigate(['/datasets']);
  }
}
