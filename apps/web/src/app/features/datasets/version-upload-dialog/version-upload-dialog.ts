import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { CsvFormatOverrides, DatasetDetailDto, UploadResultDto } from '@dqw/shared-types';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { ProgressBar } from '../../../shared/ui/progress-bar/progress-bar';
import { CsvFormatSummary } from '../csv-format-summary/csv-format-summary';
import { CsvOptions, hasOverrides } from '../csv-options/csv-options';
import { formatBytes, formatCount } from '../dataset-labels';
import { DatasetsApi } from '../datasets-api';
import { FileDrop } from '../file-drop/file-drop';
import { MalformedRows } from '../malformed-rows/malformed-rows';
import { UploadFlow } from '../upload-flow';

/** Upload a new version of a CSV dataset; identical bytes are recognised and not stored twice. */
@Component({
  selector: 'dqw-version-upload-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [Dialog, FileDrop, CsvOptions, CsvFormatSummary, MalformedRows, ProgressBar],
  templateUrl: './version-upload-dialog.html',
  styles: `
    .options-box {
      border: 1px solid var(--dqw-glass-edge);
      border-radius: 0.75rem;
      background: var(--dqw-code-bg);
    }
  `,
})
export class VersionUploadDialog implements OnInit {
  readonly dataset = input.required<DatasetDetailDto>();
  /** Emits the upload's answer when there was one. */
  readonly closed = output<UploadResultDto | null>();
  private readonly api = inject(DatasetsApi);
  protected readonly flow = new UploadFlow();
  protected readonly file = signal<File | null>(null);
  protected readonly options = signal<CsvFormatOverrides>({});
  protected readonly showOptions = signal(false);
  protected readonly submitted = signal(false);
  protected readonly formatBytes = formatBytes;
  protected readonly formatCount = formatCount;
  protected readonly result = computed(() => this.flow.result());
  protected readonly progressText = computed(() =>
    this.flow.phase() === 'checking'
      ? 'Reading every row'
      : `${formatBytes(this.flow.loaded())} of ${formatBytes(this.flow.total())}`,
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.flow.cancel());
  }

  ngOnInit(): void {
    this.options.set({ ...this.dataset().csvOptions });
    this.showOptions.set(hasOverrides(this.dataset().csvOptions));
  }

  protected chose(file: File | null): void {
    this.file.set(file);
    this.flow.reset();
  }

  protected async upload(): Promise<void> {
    this.submitted.set(true);
    const file = this.file();
    if (!file) return;
    const result = await this.flow.start(
      file,
      this.api.uploadVersion(
        this.dataset().id,
        file,
        hasOverrides(this.options()) ? this.options() : undefined,
      ),
    );
    if (!result && this.flow.problem()?.malformedRows.length) this.showOptions.set(true);
  }

  protected dismiss(): void {
    this.flow.cancel();
    this.closed.emit(this.flow.result());
  }
}
