/**
 * One error type for everything the server refuses. Clients switch on `code`, never
 * on message text; `message` is written for a person and says what to do.
 */
export const ERROR_CODES = {
  unauthenticated: { status: 401, close: 4401 },
  forbidden: { status: 403, close: 4403 },
  not_found: { status: 404, close: 4404 },
  bad_request: { status: 400, close: 4400 },
  conflict: { status: 409, close: 4409 },
  payload_too_large: { status: 413, close: 4413 },
  rate_limited: { status: 429, close: 4429 },
  unavailable: { status: 503, close: 1013 },
  internal: { status: 500, close: 1011 },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; issues?: Array<{ path: string; message: string }> };
}

/**
 * Next bundles route code apart from the custom server, so an AppError thrown by a
 * server service is an instance of *another copy* of this class: recognise it by a
 * global brand, not by `instanceof`.
 */
const APP_ERROR_BRAND = Symbol.for('accord.AppError');

export class AppError extends Error {
  readonly [APP_ERROR_BRAND] = true;
  readonly code: ErrorCode;
  readonly status: number;
  readonly issues?: Array<{ path: string; message: string }>;

  constructor(code: ErrorCode, options: { message: string; issues?: Array<{ path: string; message: string }> }) {
    super(options.message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_CODES[code].status;
    this.issues = options.issues;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }
}

export function isAppError(err: unknown): err is AppError {
  return typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[APP_ERROR_BRAND] === true;
}
