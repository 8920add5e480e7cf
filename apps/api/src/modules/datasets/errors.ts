import { DomainError } from '../../core/http/domain-errors';

/** 413: the upload is larger than UPLOAD_MAX_BYTES. */
export class PayloadTooLargeError extends DomainError {
  readonly status = 413;
}

/** 415: not a multipart upload where one is expected. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly status = 415;
}

/** 422-like problems are answered as 400 (InvalidInputError); this is for an unusable stored file. */
export class StoredFileError extends DomainError {
  readonly status = 409;
}
