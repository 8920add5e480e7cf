import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  output,
  signal,
} from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { CsvFormatOverrides, UploadResultDto } from '@dqw/shared-types';
import { firstValueFrom } from 'rxjs';
import { toProblem } from '../../../core/http/api-problem';
import { Dialog } from '../../../shared/ui/dialog/dialog';
import { ProgressBar } from '../../../shared/ui/progress-bar/progress-bar';
import { CsvFormatSummary } from '../csv-format-summary/csv-format-summary';
import { CsvOptions, hasOverrides } from '../csv-options/csv-options';
import { formatBytes, formatCount, nameFromFile } from '../dataset-labels';
import { DatasetsApi } from '../datasets-api';
import { FileDrop } from '../file-drop/file-drop';
import { MalformedRows } from '../malformed-rows/malformed-rows';
import { UploadFlow, UploadProblem, uploadProblem } from '../upload-flow';

/**
 * Upload a CSV as a new dataset: drop or choose the file, name it, send it with a real progress bar, then
 * confirm how it was read (delimiter, quote, header, encoding) — or change that and read it again.
 * Emits the new dataset's id to open it, or null when closed without one.
 */
@Component({
  selector: 'dqw-upload-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, Dialog, FileDrop, CsvOptions, CsvFormatSummary, MalformedRows, ProgressBar],
  templateUrl: './upload-dialog.html',
  styles: `
    .options-box {
      border: 1px solid var(--dqw-glass-edge);
      border-radius: 0.75rem;
      background: var(--dqw-code-bg);
    }
  `,
})
export class UploadDialog {
  readonly closed = output<string | null>();
  private readonly api = inject(DatasetsApi);
  protected readonly flow = new UploadFlow();
  protected readonly file = signal<File | null>(null);
  protected readonly options = signal<CsvFormatOverrides>({});
  protected readonly showOptions = signal(false);
  protected readonly submitted = signal(false);
  /** After upload: the dataset as now read (changes when the user re-reads it with other options). */
  protected readonly result = signal<UploadResultDto | null>(null);
  protected readonly rereading = signal(false);
  protected readonly rereadProblem = signal<UploadProblem | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    name: ['', [Validators.required, Validators.maxLength(200)]],
    description: ['', [Validators.maxLength(4000)]],
    sensitive: [false],
    nullMarkers: [''],
  });
  private nameTouchedByUser = false;

  protected readonly formatBytes = formatBytes;
  protected readonly formatCount = formatCount;
  protected readonly version = computed(
    () => this.result()?.dataset.currentVersion ?? this.result()?.version,
  );
  protected readonly title = computed(() => (this.result() ? 'Check how the file was read' : 'Upload a CSV'));
  protected readonly progressText = computed(() =>
    this.flow.phase() === 'checking'
      ? 'Reading every row'
      : `${formatBytes(this.flow.loaded())} of ${formatBytes(this.flow.total())}`,
  );

  constructor() {
    this.form.controls.name.valueChanges.subscribe(() => (this.nameTouchedByUser = true));
    inject(DestroyRef).onDestroy(() => this.flow.cancel());
  }

  protected chose(file: File | null): void {
    this.file.set(file);
    this.flow.reset();
    if (file && (!this.nameTouchedByUser || !this.form.controls.name.value)) {
      this.form.controls.name.setValue(nameFromFile(file.name), { emitEvent: false });
    }
  }

  protected nameError(): string | null {
    const problem = this.flow.problem();
    if (problem?.nameTaken) return problem.message;
    const control = this.form.controls.name;
    if (!control.invalid || !(control.touched || this.submitted())) return null;
    return control.hasError('required') ? 'Give the dataset a name.' : 'Use at most 200 characters.';
  }

  protected async upload(): Promise<void> {
    this.submitted.set(true);
    const file = this.file();
    if (this.form.invalid || !file) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const nullMarkers = v.nullMarkers
      .split(',')
      .map((m) => m.trim())
      .filter(Boolean);
    const result = await this.flow.start(
      file,
      this.api.upload(file, {
        name: v.name.trim(),
        description: v.description.trim() || undefined,
        sensitive: v.sensitive,
        nullMarkers,
        format: hasOverrides(this.options()) ? this.options() : undefined,
      }),
    );
    if (result) {
      this.result.set(result);
      this.options.set(result.dataset.csvOptions ?? {});
    } else if (this.flow.problem()?.malformedRows.length) {
      this.showOptions.set(true); // the usual fix is another delimiter or quote
    }
  }

  /** Reads the stored file again with other options (the server re-checks every row). */
  protected async reread(): Promise<void> {
    const current = this.result();
    if (!current) return;
    this.rereading.set(true);
    this.rereadProblem.set(null);
    try {
      const dataset = await firstValueFrom(
        this.api.update(current.dataset.id, { csvOptions: this.options() }),
      );
      this.result.set({ ...current, dataset });
      this.showOptions.set(false);
    } catch (error) {
      this.rereadProblem.set(uploadProblem(toProblem(error)));
    } finally {
      this.rereading.set(false);
    }
  }

  protected dismiss(): void {
    this.flow.cancel();
    this.closed.emit(null);
  }

  protected open(): void {
    const id = this.result()?.dataset.id;
    this.closed.emit(id ?? null);
  }
}
