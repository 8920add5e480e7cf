/** Every list endpoint answers with this envelope (DESIGN §9). `page` starts at 1; `pageSize` ≤ 200. */
export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PageQuery {
  page?: number;
  pageSize?: number;
}

export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/** Position of a problem in a DSL text (1-based line and column). */
export interface TextPosition {
  line: number;
  column: number;
  length: number;
  message: string;
}

/** The one error shape of the API. `details` carries field errors or DSL positions. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
  requestId?: string;
}

export type IsoDateTime = string;
