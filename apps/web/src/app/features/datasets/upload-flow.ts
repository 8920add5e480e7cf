import { HttpEvent, HttpEventType } from '@angular/common/http';
import { computed, signal } from '@angular/core';
import { CsvFormat, MalformedRow, UploadResultDto } from '@dqw/shared-types';
import { Observable, Subscription } from 'rxjs';
import { ApiProblem, toProblem } from '../../core/http/api-problem';

/**
 * `sending`: bytes going up (with a real percentage). `checking`: all sent; the server is sniffing the format
 * and reading every row. `done` / `failed`: the answer.
 */
export type UploadPhase = 'idle' | 'sending' | 'checking' | 'done' | 'failed';

/** Why an upload was refused, in words, with what the page can show next to it. */
export interface UploadProblem {
  message: string;
  /** The dataset name is taken (409): shown next to the name field. */
  nameTaken: boolean;
  malformedRows: MalformedRow[];
  totalMalformed: number;
  /** The format the server tried, when it got that far. */
  format: CsvFormat | null;
}

interface UploadState {
  phase: UploadPhase;
  loaded: number;
  total: number;
  result: UploadResultDto | null;
  problem: UploadProblem | null;
}

const IDLE: UploadState = { phase: 'idle', loaded: 0, total: 0, result: null, problem: null };

/**
 * One file upload's state, driven by HttpClient's progress events. Owned by an upload dialog; `cancel()`
 * aborts the request (the server then discards the partial file).
 */
export class UploadFlow {
  private readonly state = signal<UploadState>(IDLE);
  private subscription: Subscription | null = null;

  readonly phase = computed(() => this.state().phase);
  readonly loaded = computed(() => this.state().loaded);
  readonly total = computed(() => this.state().total);
  /** 0–100 while sending; null before the size is known. */
  readonly percent = computed(() => {
    const { total, loaded, phase } = this.state();
    if (phase === 'checking' || phase === 'done') return 100;
    return total > 0 ? Math.min(100, (100 * loaded) / total) : null;
  });
  readonly result = computed(() => this.state().result);
  readonly problem = computed(() => this.state().problem);
  readonly busy = computed(() => this.state().phase === 'sending' || this.state().phase === 'checking');

  /** Sends; resolves with the answer, or null when refused (see `problem()`) or cancelled. */
  start(file: File, request: Observable<HttpEvent<UploadResultDto>>): Promise<UploadResultDto | null> {
    this.cancel();
    const empty = checkFile(file);
    if (empty) {
      this.state.set({ ...IDLE, phase: 'failed', problem: empty });
      return Promise.resolve(null);
    }
    this.state.set({ ...IDLE, phase: 'sending', total: file.size });
    return new Promise((resolve) => {
      this.subscription = request.subscribe({
        next: (event) => {
          if (event.type === HttpEventType.UploadProgress) {
            const total = event.total ?? this.state().total;
            const phase = total > 0 && event.loaded >= total ? 'checking' : 'sending';
            this.state.update((s) => ({ ...s, phase, loaded: event.loaded, total }));
          } else if (event.type === HttpEventType.Response && event.body) {
            this.state.update((s) => ({ ...s, phase: 'done', loaded: s.total, result: event.body }));
            resolve(event.body);
          }
        },
        error: (error: unknown) => {
          this.state.update((s) => ({ ...s, phase: 'failed', problem: uploadProblem(error) }));
          resolve(null);
        },
        complete: () => {
          this.subscription = null;
          if (this.state().phase !== 'done') resolve(null);
        },
      });
      this.subscription.add(() => {
        if (this.busy()) {
          this.state.set(IDLE);
          resolve(null);
        }
      });
    });
  }

  /** Stops a running upload and forgets it. */
  cancel(): void {
    const sub = this.subscription;
    this.subscription = null;
    sub?.unsubscribe();
  }

  reset(): void {
    this.cancel();
    this.state.set(IDLE);
  }
}

/** Caught before sending: an empty file can never be a dataset. */
function checkFile(file: File): UploadProblem | null {
  if (file.size > 0) return null;
  return {
    message: `${file.name} is empty. A CSV needs at least a header line with the column names.`,
    nameTaken: false,
    malformedRows: [],
    totalMalformed: 0,
    format: null,
  };
}

/** Turns a refused upload into words a data engineer can act on. */
export function uploadProblem(error: unknown): UploadProblem {
  const problem: ApiProblem = toProblem(error);
  const details = (problem.details ?? {}) as {
    malformedRows?: unknown;
    totalMalformed?: unknown;
    format?: unknown;
  };
  const malformedRows = Array.isArray(details.malformedRows)
    ? details.malformedRows.filter(
        (r): r is MalformedRow =>
          !!r && typeof r === 'object' && typeof (r as MalformedRow).line === 'number',
      )
    : [];
  const base = {
    nameTaken: false,
    malformedRows,
    totalMalformed:
      typeof details.totalMalformed === 'number' ? details.totalMalformed : malformedRows.length,
    format: details.format && typeof details.format === 'object' ? (details.format as CsvFormat) : null,
  };
  switch (problem.kind) {
    case 'too-large':
      return {
        ...base,
        message:
          sentence(problem.serverMessage ?? 'The file is larger than the upload limit') +
          ' ' +
          'Split it into smaller files, or ask an administrator to raise UPLOAD_MAX_BYTES.',
      };
    case 'conflict':
      return {
        ...base,
        nameTaken: true,
        message: problem.serverMessage
          ? `${sentence(problem.serverMessage)} Choose another name.`
          : 'A dataset with this name already exists. Choose another name.',
      };
    case 'offline':
      return {
        ...base,
        message:
          'The upload was interrupted before the server answered. Check your connection and try again; ' +
          'a very large file may also be over the upload limit.',
      };
    case 'validation':
      return {
        ...base,
        message: problem.serverMessage
          ? sentence(problem.serverMessage)
          : 'The server could not read this file as CSV. Check that it is a text file with one row per line.',
      };
    default:
      return { ...base, message: problem.message };
  }
}

function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}
