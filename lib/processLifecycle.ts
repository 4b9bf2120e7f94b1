/**
 * How a Penghubung process ends: on SIGTERM or SIGINT it stops taking requests, lets those in flight
 * finish and exits 0, or exits 1 once `drainTimeoutMs` has passed, whatever is still hanging; on an
 * uncaught exception or unhandled rejection it writes the error and exits 70 at once, so the
 * supervisor (systemd `Restart=on-failure`, README "Operasi") starts a clean process instead of
 * leaving one that may hang half-broken.
 */
export interface LifecycleOptions {
  /** Stops the process's servers and closes its connections. */
  close: () => Promise<void>;
  drainTimeoutMs: number;
  /** Where the lines go (default stderr). */
  write?: (line: string) => void;
}

/** Exit code of a process ended by an unexpected error (EX_SOFTWARE). */
export const UNEXPECTED_ERROR_EXIT_CODE = 70;

export function manageProcessLifecycle(options: LifecycleOptions): void {
  const write = options.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  let stopping = false;

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      write(`penghubung: ${signal} kedua, berhenti sekarang (second ${signal}, exiting now)`);
      process.exit(1);
    }
    stopping = true;
    write(`penghubung: ${signal}: menunggu permintaan yang sedang berjalan, paling lama ${options.drainTimeoutMs} ms (draining requests in flight)`);
    const deadline = setTimeout(() => {
      write(`penghubung: batas waktu penghentian ${options.drainTimeoutMs} ms terlampaui, keluar (drain timeout passed, exiting)`);
      process.exit(1);
    }, options.drainTimeoutMs);
    deadline.unref();
    options.close().then(
      () => process.exit(0),
      (error: unknown) => {
        write(`penghubung: gagal berhenti dengan rapi (could not stop cleanly): ${describe(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);

  const fatal = (kind: string) => (error: unknown) => {
    write(`penghubung: ${kind}; proses keluar agar supervisor memulai ulang (the process exits so that its supervisor restarts it): ${describe(error)}`);
    process.exit(UNEXPECTED_ERROR_EXIT_CODE);
  };
  process.on('uncaughtException', fatal('kesalahan tak tertangani (uncaught exception)'));
  process.on('unhandledRejection', fatal('penolakan promise tak tertangani (unhandled rejection)'));
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
}
