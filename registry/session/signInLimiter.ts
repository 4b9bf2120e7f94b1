/**
 * Failed sign-ins counted per e-mail address and per client address (rate-limiter-flexible, in this
 * process's memory). Each attempt takes one point of both before its password is checked, so parallel
 * guesses cannot slip past the count; a success gives them back (clears the address's count, returns
 * the client's point). Once either count is used up within the window, sign-in with that address, or
 * from that client, is refused with 429 until the window ends — even with the right password, so
 * guessing does not go on behind the refusal.
 *
 * In memory: several registry processes each count their own failures. The limits are against
 * guessing passwords online, which argon2 already makes slow; a shared store (rate-limiter-flexible's
 * PostgreSQL limiter) can replace this without changing its callers.
 */
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { SessionSettings } from './sessions.ts';

export type SignInAttempt =
  | { blocked: true; retryAfterSeconds: number }
  /** `lastBeforeBlock`: if this attempt fails, the address is refused from now on. */
  | { blocked: false; lastBeforeBlock: boolean };

export interface SignInLimiter {
  /** Takes one attempt for `email` from `ip`, or says how long both must wait. */
  attempt(email: string, ip: string): Promise<SignInAttempt>;
  succeeded(email: string, ip: string): Promise<void>;
}

type Limits = Pick<SessionSettings, 'maxFailuresPerEmail' | 'maxFailuresPerIp' | 'failureWindowSeconds'>;

export function createSignInLimiter(settings: Limits): SignInLimiter {
  const perEmail = new RateLimiterMemory({ points: settings.maxFailuresPerEmail, duration: settings.failureWindowSeconds, keyPrefix: 'sign-in:email' });
  const perIp = new RateLimiterMemory({ points: settings.maxFailuresPerIp, duration: settings.failureWindowSeconds, keyPrefix: 'sign-in:ip' });
  const refused = (error: unknown): { blocked: true; retryAfterSeconds: number } => {
    if (!(error instanceof RateLimiterRes)) throw error;
    return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil(error.msBeforeNext / 1000)) };
  };
  return {
    async attempt(email, ip) {
      try {
        await perIp.consume(ip);
      } catch (error) {
        return refused(error);
      }
      try {
        const taken = await perEmail.consume(email);
        return { blocked: false, lastBeforeBlock: taken.remainingPoints === 0 };
      } catch (error) {
        await perIp.reward(ip, 1);
        return refused(error);
      }
    },
    async succeeded(email, ip) {
      await Promise.all([perEmail.delete(email), perIp.reward(ip, 1)]);
    },
  };
}
