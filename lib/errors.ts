/**
 * One error vocabulary for every part of Penghubung. Errors that reach a client carry a code from
 * `ErrorCode` (as `extensions.code` in GraphQL, `code` in the registry's JSON) and the HTTP status that
 * fits it. Messages are Indonesian first; the English text travels beside it as `messageEn`.
 */
export const ErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** A console sign-in with an unknown address, a wrong password, or an account that may not sign in. */
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  FORBIDDEN: 'FORBIDDEN',
  /** A request authenticated by the session cookie whose x-csrf-token header is missing or wrong. */
  CSRF_INVALID: 'CSRF_INVALID',
  FORBIDDEN_FIELD: 'FORBIDDEN_FIELD',
  /** A granted field whose grant's conditions (period, hours, arguments, list size) refused this request. */
  CONDITION_FAILED: 'CONDITION_FAILED',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  COMPOSITION_FAILED: 'COMPOSITION_FAILED',
  CHECK_FAILED: 'CHECK_FAILED',
  ROUTING_URL_NOT_ALLOWED: 'ROUTING_URL_NOT_ALLOWED',
  /** A subgraph schema over one of the registry's schema limits (tokens, types, fields, nesting, directives). */
  SCHEMA_LIMIT_EXCEEDED: 'SCHEMA_LIMIT_EXCEEDED',
  /** A composition that ran past the registry's time budget and was stopped. */
  COMPOSITION_TIMEOUT: 'COMPOSITION_TIMEOUT',
  /** The composition worker died or its queue is full: nothing was stored, try again shortly. */
  COMPOSITION_UNAVAILABLE: 'COMPOSITION_UNAVAILABLE',
  QUOTA_EXCEEDED: 'QUOTA_EXCEEDED',
  /** An operation over one of the gateway's limits (tokens, depth, aliases, directives, cost, variables). */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** More requests per second or minute than the API key may send. */
  RATE_LIMITED: 'RATE_LIMITED',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  /** An agency's subgraph refused the connection, failed, or its circuit is open. */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** An agency's subgraph did not answer within its timeout. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  UNAVAILABLE: 'UNAVAILABLE',
  /** The database cannot be reached or did not answer within its deadline: try again shortly. */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  INTERNAL: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const httpStatusOf: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 422,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  CSRF_INVALID: 403,
  FORBIDDEN_FIELD: 403,
  CONDITION_FAILED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  COMPOSITION_FAILED: 422,
  CHECK_FAILED: 422,
  ROUTING_URL_NOT_ALLOWED: 422,
  SCHEMA_LIMIT_EXCEEDED: 422,
  COMPOSITION_TIMEOUT: 422,
  COMPOSITION_UNAVAILABLE: 503,
  QUOTA_EXCEEDED: 429,
  OPERATION_LIMIT_EXCEEDED: 400,
  RATE_LIMITED: 429,
  UPSTREAM_ERROR: 502,
  UPSTREAM_UNAVAILABLE: 503,
  UPSTREAM_TIMEOUT: 504,
  UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

/**
 * Codes of the GraphQL request errors the gateway answers besides its own (`ErrorCode`): the ones
 * GraphQL servers use for a document that does not parse or validate, variables that do not coerce,
 * and persisted queries. The gateway's error formatter lets these and `ErrorCode` through; any other
 * error reaches the client as INTERNAL with the request id.
 */
export const GRAPHQL_REQUEST_ERROR_CODES: ReadonlySet<string> = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/** A message a person reads: Indonesian first, English available. */
export interface Message {
  id: string;
  en: string;
}

export class PenghubungError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly messageEn: string;
  readonly details: unknown;

  constructor(code: ErrorCode, message: Message, details?: unknown) {
    super(message.id);
    this.name = 'PenghubungError';
    this.code = code;
    this.status = httpStatusOf[code];
    this.messageEn = message.en;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; messageEn: string; details?: unknown } {
    return {
      code: this.code,
      message: this.message,
      messageEn: this.messageEn,
      ...(this.details === undefined ? {} : { details: this.details }),
    };
  }
}

export function isPenghubungError(error: unknown): error is PenghubungError {
  return error instanceof PenghubungError;
}

/**
 * What a client reads of one of our errors, as the registry's JSON body: its code, both messages and
 * its details (null when it has none). Each surface has one formatter built on this and
 * `graphQLExtensionsOf`: the registry's error handler (registry/http/errorHandler.ts), the gateway's
 * (gateway/errorMasking/formatError.ts), and the CLI's failure report (registry/cli/action.ts), which
 * prints these bodies.
 */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  messageEn: string;
  details: unknown;
}

export function errorBodyOf(error: PenghubungError): ErrorBody {
  return { code: error.code, message: error.message, messageEn: error.messageEn, details: error.details ?? null };
}

/** The `extensions` of a GraphQL error for one of our errors: code, English message, details when any. */
export function graphQLExtensionsOf(error: PenghubungError): { code: ErrorCode; messageEn: string; details?: unknown } {
  return {
    code: error.code,
    messageEn: error.messageEn,
    ...(error.details === undefined ? {} : { details: error.details }),
  };
}

/**
 * Expected workflow outcomes ("already approved", "not your agency") are values, not exceptions:
 * operations return a `Result` and the route turns a failure into its status.
 */
export type Result<T> = { ok: true; value: T } | { ok: false; error: PenghubungError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(code: ErrorCode, message: Message, details?: unknown): Result<T> => ({
  ok: false,
  error: new PenghubungError(code, message, details),
});
