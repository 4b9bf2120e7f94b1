import type { FastifyBaseLogger } from 'fastify';
import type { DatabaseHandle } from '../drizzle/database.ts';
import type { Config } from '../lib/config.ts';
import type { Composer, RoutingUrlOptions } from './checks/index.ts';
import type { LedgerStatusSource } from './evaluation/ledgerStatus.ts';
import type { SessionSettings } from './session/sessions.ts';
import type { SignInLimiter } from './session/signInLimiter.ts';
import type { TokenKeys } from './tokens.ts';

/** The slice of the configuration the registry reads. */
export type RegistryConfig = Pick<Config, 'maxSchemaBytes' | 'trafficWindowDays'> &
  Partial<
    Pick<Config, 'logLevel' | 'lookupSecret' | 'schemaLimits' | 'compositionTimeoutMs' | 'compositionMemoryMb' | 'report'>
  > & {
    /** Every lookup secret used so far, active and retired (registry/keys/keyLifecycle.ts `loadLookupSecrets`). */
    lookupSecretHistory?: () => string[];
    /**
     * The registry's token keys (registry/keys/registryTokenKeys.ts), read at each use: new tokens are
     * hashed under the active one. Without them tokens are stored as a plain SHA-256.
     */
    registryTokenKeys?: () => TokenKeys;
    /**
     * Where the chain verification finds the operator's public keys and key history (`<dataDir>/keys`)
     * and the checkpoint copies published outside the database. Without it the console's
     * verification answers that it is not configured.
     */
    ledgerVerification?: { keysDir: string; publishedCheckpointsDir?: string | undefined };
    /** Console sessions and sign-in limits (registry/session/sessions.ts `DEFAULT_SESSION_SETTINGS`). */
    session?: Partial<SessionSettings>;
    /**
     * The gateway's base URL as the registry reaches it (no trailing slash), read at each use: the
     * gateway starts after the registry. Null or absent: the explorer forwarding answers 503.
     */
    gatewayInternalUrl?: () => string | null;
  };

/**
 * What every registry operation (and every route module plugged into the registry, such as the access
 * workflow in `registry/access/`) receives: the database handle (transactions, LISTEN/NOTIFY), the
 * configuration slice, the request-independent logger, the clock (tests may fix it), the composer
 * (composition in a worker thread within a time budget, registry/checks/composer.ts), and the console
 * session settings with the sign-in limiter.
 */
export interface RegistryDeps {
  database: DatabaseHandle;
  config: RegistryConfig;
  logger: FastifyBaseLogger;
  now: () => Date;
  publishing: PublishingOptions;
  composer: Composer;
  /** The chain verification shown to evaluators (absent when `config.ledgerVerification` is not set). */
  ledgerStatus?: LedgerStatusSource;
  /** Console sessions: their settings and the failed sign-in counts (kept in the database). */
  session: { settings: SessionSettings; limiter: SignInLimiter };
}

export interface PublishingOptions {
  /**
   * Refuse every breaking change, not only those touching granted or recently used fields (an
   * administrator can still accept it with a reason). Default true: a publisher learns of a breaking
   * change before it ships, even when nobody is hurt yet.
   */
  failOnBreaking: boolean;
  /** How routing URLs are checked (private addresses allowed by default; DNS lookup replaceable). */
  routingUrl?: RoutingUrlOptions;
}
