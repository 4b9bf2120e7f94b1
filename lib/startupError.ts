import { ConfigError } from './config.ts';
import { DatabaseStartupError } from '../drizzle/database.ts';
import { isPenghubungError } from './errors.ts';

/** A failure while starting that a person can act on (its message says what to do): one line, no stack. */
export class StartupProblem extends Error {
  override readonly name: string = 'StartupProblem';
}

/**
 * Turns a failure while starting into one line a person can act on and an exit code; anything else
 * is a bug and keeps its stack trace.
 */
export function reportStartupFailure(error: unknown): never {
  if (error instanceof ConfigError || error instanceof DatabaseStartupError || error instanceof StartupProblem) {
    process.stderr.write(`penghubung: ${error.message}\n`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  }
  if (isPenghubungError(error)) {
    process.stderr.write(`penghubung: ${error.message} (${error.messageEn})\n`);
    process.exit(1);
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EADDRINUSE') {
    process.stderr.write(
      `penghubung: port sudah dipakai: ${(error as Error).message}. Atur PENGHUBUNG_GATEWAY_PORT / PENGHUBUNG_REGISTRY_PORT ` +
        `(port already in use)\n`,
    );
    process.exit(1);
  }
  process.stderr.write(`penghubung: kegagalan tak terduga saat mulai (unexpected failure while starting)\n`);
  console.error(error);
  process.exit(70);
}
