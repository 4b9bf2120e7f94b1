/**
 * Failed sign-ins counted per e-mail address and per client address, in the database
 * (`sign_in_attempts`), so every registry process on it shares the counts and a restart clears none:
 * two processes do not double a guesser's budget. Each attempt takes one count of both before its
 * password is checked (an atomic upsert each), so parallel guesses cannot slip past the count; a
 * success gives them back (clears the address's count, returns the client's one). Once either count is
 * used up within its window, sign-in with that address, or from that client, is refused with 429 until
 * the window ends — even with the right password, so guessing does not go on behind the refusal.
 *
 * Windows are fixed, started by the first attempt, and timed by the database's clock (one clock for
 * every process). Counts whose window has ended are deleted now and then by later attempts.
 */
import type { Database } from '../../drizzle/database.ts';
import { SignInAttemptRepository } from '../repositories/SignInAttemptRepository.ts';
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

/** Ended counts are deleted at most this often per process: a cheap indexed delete, not one per attempt. */
const PRUNE_INTERVAL_MS = 60_000;

export function createSignInLimiter(db: Database, settings: Limits): SignInLimiter {
  const counts = new SignInAttemptRepository(db);
  const window = settings.failureWindowSeconds;
  let lastPruned = 0;
  const pruneNowAndThen = async () => {
    if (Date.now() - lastPruned < PRUNE_INTERVAL_MS) return;
    lastPruned = Date.now();
    await counts.pruneEnded();
  };
  return {
    async attempt(email, ip) {
      await pruneNowAndThen();
      const fromIp = await counts.take('ip', ip, window);
      if (fromIp.attempts > settings.maxFailuresPerIp) return { blocked: true, retryAfterSeconds: fromIp.secondsLeft };
      const forEmail = await counts.take('email', email, window);
      if (forEmail.attempts > settings.maxFailuresPerEmail) {
        await counts.giveBack('ip', ip);
        return { blocked: true, retryAfterSeconds: forEmail.secondsLeft };
      }
      return { blocked: false, lastBeforeBlock: forEmail.attempts === settings.maxFailuresPerEmail };
    },
    async succeeded(email, ip) {
      await Promise.all([counts.clear('email', email), counts.giveBack('ip', ip)]);
    },
  };
}
