import { DomainError } from '../../core/http/domain-errors';

/** 413: the upload is larger than UPLOAD_MAX_BYTES. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
}

/** 415: not a multipart upload where one is expected. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
}

/** 404 for "exists, but not computed yet" (a profile before profiling finished). */
export class NotReadyError extends DomainError {
  readonly status = 404;
}

/** 422-like problems are answered as 400 (InvalidInputError); this is for an unusable stored file. */
export class StoredFileError extends DomainError {
  readonly status = 409;
}
