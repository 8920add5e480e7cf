import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { AuthStore } from '../../../core/auth/auth-store';
import { EmptyState } from '../../../shared/ui/empty-state/empty-state';
import { Icon } from '../../../shared/ui/icon/icon';
import { Pager } from '../../../shared/ui/pager/pager';
import { ConnectionDialog } from '../connection-dialog/connection-dialog';
import { SOURCE_LABELS, formatCount, scoreTone } from '../dataset-labels';
import { DatasetsStore } from '../datasets-store';
import { UploadDialog } from '../upload-dialog/upload-dialog';
import { Skeleton } from '../../../shared/ui/skeleton/skeleton';

@Component({
  selector: 'dqw-dataset-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    DatePipe,
    DecimalPipe,
    Icon,
    Pager,
    EmptyState,
    UploadDialog,
    ConnectionDialog,
    Skeleton,
  ],
  providers: [DatasetsStore],
  templateUrl: './dataset-list.html',
  styleUrl: './dataset-list.scss',
})
export class DatasetList {
  protected readonly store = inject(DatasetsStore);
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);
  protected readonly canEdit = computed(() => this.auth.hasRole('Admin', 'DataEngineer'));
  protected readonly uploading = signal(false);
  protected readonly connecting = signal(false);
  protected readonly q = signal('');
  protected readonly sourceLabels = SOURCE_LABELS;
  protected readonly formatCount = formatCount;
  protected readonly scoreTone = scoreTone;

  constructor() {
    void this.store.load(1);
  }

  protected search(): void {
    void this.store.search(this.q());
  }

  protected clearSearch(): void {
    this.q.set('');
    void this.store.search('');
  }

  protected async created(datasetId: string | null): Promise<void> {
    this.uploading.set(false);
    this.connecting.set(false);
    if (datasetId) await this.router.navigate(['/datasets', datasetId]);
    else void this.store.load();
  }
}
