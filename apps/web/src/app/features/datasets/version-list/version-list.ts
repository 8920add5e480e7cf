import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { DatasetVersionDto, VersionStatus } from '@dqw/shared-types';
import { TYPE_LABELS, VERSION_STATUS_LABELS, formatBytes, formatCount } from '../dataset-labels';
import { versionDownloadUrl } from '../datasets-api';

const STATUS_TONES: Record<VersionStatus, string> = {
  uploaded: 'secondary',
  profiling: 'info',
  ready: 'success',
  error: 'danger',
};

/** A dataset's versions, newest first, with what changed in the columns (schema drift). */
@Component({
  selector: 'dqw-version-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  template: `
    <div class="table-responsive" role="region" tabindex="0" aria-labelledby="versions-caption">
      <table class="table" data-testid="version-list">
        <caption id="versions-caption" class="visually-hidden">
          Versions, newest first
        </caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Created</th>
            <th scope="col">{{ table() ? 'Source' : 'File' }}</th>
            <th scope="col" class="text-end">Rows</th>
            <th scope="col">Status</th>
            <th scope="col">Column changes</th>
            @if (canDownload()) {
              <th scope="col"><span class="visually-hidden">Download</span></th>
            }
          </tr>
        </thead>
        <tbody>
          @for (v of versions(); track v.id) {
            <tr [attr.data-version]="v.number">
              <th scope="row">
                {{ v.number }}
                @if (v.id === currentId()) {
                  <span class="badge badge-soft-primary ms-1">current</span>
                }
              </th>
              <td class="text-nowrap">
                <time [attr.datetime]="v.createdAt">{{ v.createdAt | date: 'medium' }}</time>
              </td>
              <td>
                @if (v.fileName) {
                  <span class="file">{{ v.fileName }}</span>
                  <span class="small text-body-secondary"> · {{ formatBytes(v.sizeBytes) }}</span>
                  @if (v.encrypted) {
                    <span class="badge badge-soft-warning ms-1">encrypted</span>
                  }
                } @else {
                  <span class="text-body-secondary">Table snapshot</span>
                }
              </td>
              <td class="text-end">{{ formatCount(v.rowCount) }}</td>
              <td>
                <span class="badge badge-soft-{{ tones[v.status] }}">{{ statusLabels[v.status] }}</span>
                @if (v.error) {
                  <div class="small text-danger-emphasis">{{ v.error }}</div>
                }
              </td>
              <td class="drift small">
                @if (v.drift; as drift) {
                  @if (!drift.added.length && !drift.removed.length && !drift.retyped.length) {
                    <span class="text-body-secondary">None</span>
                  }
                  @if (drift.added.length) {
                    <div>
                      <span class="badge badge-soft-success">added</span> {{ drift.added.join(', ') }}
                    </div>
                  }
                  @if (drift.removed.length) {
                    <div>
                      <span class="badge badge-soft-danger">removed</span> {{ drift.removed.join(', ') }}
                    </div>
                  }
                  @for (r of drift.retyped; track r.name) {
                    <div>
                      <span class="badge badge-soft-warning">retyped</span> {{ r.name }}:
                      {{ typeLabels[r.from] }} → {{ typeLabels[r.to] }}
                    </div>
                  }
                } @else {
                  <span class="text-body-secondary">{{ v.number === 1 ? 'First version' : '–' }}</span>
                }
              </td>
              @if (canDownload()) {
                <td class="text-end">
                  @if (v.fileName) {
                    <a
                      class="btn btn-sm btn-outline-secondary"
                      [href]="downloadUrl(v)"
                      download
                      [attr.aria-label]="'Download version ' + v.number + ' (' + v.fileName + ')'"
                      >Download</a
                    >
                  }
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .file {
      word-break: break-all;
    }
    .drift {
      min-width: 12rem;
    }
  `,
})
export class VersionList {
  readonly datasetId = input.required<string>();
  readonly versions = input.required<readonly DatasetVersionDto[]>();
  readonly currentId = input<string | null>(null);
  readonly table = input(false);
  /** DataEngineer and Admin; every download is audited. */
  readonly canDownload = input(false);
  protected readonly statusLabels = VERSION_STATUS_LABELS;
  protected readonly tones = STATUS_TONES;
  protected readonly typeLabels = TYPE_LABELS;
  protected readonly formatBytes = formatBytes;
  protected readonly formatCount = formatCount;

  protected downloadUrl(v: DatasetVersionDto): string {
    return versionDownloadUrl(this.datasetId(), v.number);
  }
}
