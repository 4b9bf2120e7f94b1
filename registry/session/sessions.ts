/**
 * Console sessions: what the browser holds (a random secret in the `penghubung_session` cookie), what
 * the registry stores (its SHA-256 as the session id), the CSRF token (an HMAC of the secret, so it is
 * never stored and only a holder of the cookie can know it), and when a session ends.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const SESSION_COOKIE = 'penghubung_session';
export const CSRF_HEADER = 'x-csrf-token';

export interface SessionSettings {
  /** A session not used for this long ends (minutes). */
  idleMinutes: number;
  /** A session ends this long after sign-in, however it is used (hours). */
  absoluteHours: number;
  /**
   * Always mark the cookie `Secure`. Without it the cookie is `Secure` only when the request came over
   * https (directly, or through a proxy the registry trusts), so the demo over plain http still works.
   */
  cookieSecure: boolean;
  /** Failed sign-ins allowed per e-mail address, and per client address, within `failureWindowSeconds`. */
  maxFailuresPerEmail: number;
  maxFailuresPerIp: number;
  /** How long failures are counted, and how long sign-in stays refused once a limit is reached. */
  failureWindowSeconds: number;
}

export const DEFAULT_SESSION_SETTINGS: Readonly<SessionSettings> = Object.freeze({
  idleMinutes: 30,
  absoluteHours: 12,
  cookieSecure: false,
  maxFailuresPerEmail: 5,
  maxFailuresPerIp: 50,
  failureWindowSeconds: 15 * 60,
});

export interface SessionSecret {
  /** Goes into the cookie only. */
  secret: string;
  /** Stored: the session id. */
  id: string;
}

export function newSessionSecret(): SessionSecret {
  const secret = randomBytes(32).toString('base64url');
  return { secret, id: sessionIdOf(secret) };
}

export function sessionIdOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The CSRF token of a session: derived from its secret, the same for the session's whole life. */
export function csrfTokenOf(secret: string): string {
  return createHmac('sha256', secret).update('penghubung csrf v1').digest('base64url');
}

export function csrfMatches(secret: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const expected = Buffer.from(csrfTokenOf(secret));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** GET, HEAD and OPTIONS change nothing; every other method with a session cookie needs the CSRF header. */
export function isUnsafeMethod(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}

/** The session cookie's secret, when the request carries one of a plausible shape. */
export function sessionSecretOf(request: FastifyRequest): string | null {
  const value = request.cookies?.[SESSION_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

function cookieOptions(request: FastifyRequest, settings: SessionSettings) {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    secure: settings.cookieSecure || request.protocol === 'https',
  };
}

/**
 * Sets the session cookie. No Max-Age: a browser session cookie, gone when the browser closes; the
 * registry ends the session itself after idle time or at its absolute limit.
 */
export function setSessionCookie(reply: FastifyReply, secret: string, settings: SessionSettings): void {
  reply.setCookie(SESSION_COOKIE, secret, cookieOptions(reply.request, settings));
}

export function clearSessionCookie(reply: FastifyReply, settings: SessionSettings): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(reply.request, settings));
}
