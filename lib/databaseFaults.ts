/**
 * Database faults on the request path: a deadline for each call, and one way to tell "the database
 * is unreachable or too slow" (a 503 the client may retry, `DATABASE_UNAVAILABLE`) from a bug (500).
 */
import { isPenghubungError, PenghubungError } from './errors.ts';

/** How long a client should wait before retrying a 503 for a database fault, in seconds (`Retry-After`). */
export const DATABASE_RETRY_AFTER_SECONDS = 2;

/** postgres.js's own connection error codes, and the socket errors a connection attempt meets. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * SQLSTATEs that mean the server cannot serve now: connection exceptions (class 08), operator
 * intervention (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), too many
 * connections (53300), and a statement cancelled by `statement_timeout` (57014).
 */
function unavailableSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code === '57014';
}

/** Whether `error` (or an error in its `cause` chain) says the database is unreachable, shutting down or too slow. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    if (current instanceof DeadlineExceeded) return true;
    if (isPenghubungError(current) && current.code === 'DATABASE_UNAVAILABLE') return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || unavailableSqlState(code))) return true;
  }
  return false;
}

/** The 503 a client gets when the database cannot serve its request now. */
export function databaseUnavailable(cause?: unknown): PenghubungError {
  const error = new PenghubungError(
    'DATABASE_UNAVAILABLE',
    {
      id: `Basis data sedang tidak dapat dihubungi; coba lagi dalam ${DATABASE_RETRY_AFTER_SECONDS} detik.`,
      en: `The database cannot be reached right now; try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
    },
    { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
  );
  if (cause !== undefined) Object.defineProperty(error, 'cause', { value: cause, enumerable: false });
  return error;
}

/** A call that did not settle within its deadline. */
export class DeadlineExceeded extends Error {
  override readonly name = 'DeadlineExceeded';
}

/**
 * `work`, or a rejection with `DeadlineExceeded` after `ms` milliseconds, whichever comes first. The
 * work itself is not cancelled (a query already sent runs on); callers whose connection may be stuck
 * drop it when this fires.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  if (!(ms > 0)) return work;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`${what} did not answer within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * `work()` with a deadline, a database fault turned into `DATABASE_UNAVAILABLE` (503) and anything
 * else rethrown as it is.
 */
export async function onDatabase<T>(work: () => Promise<T>, ms: number, what: string): Promise<T> {
  try {
    return await withDeadline(work(), ms, what);
  } catch (error) {
    throw isDatabaseUnavailable(error) ? databaseUnavailable(error) : error;
  }
}
