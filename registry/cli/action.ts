/**
 * How a registry command runs: global options read (with the environment behind them), a registry
 * client made, and every failure turned into its message and exit code (1 refused or unreachable,
 * 2 wrong usage). Shared by the command modules so each only says what it asks and how it prints.
 */
import type { Command } from 'commander';
import { RegistryClient, RegistryRequestError, RegistryUnreachableError } from './client.ts';
import type { CliEnvironment } from './config.ts';
import { renderRegistryError, say } from './render.ts';
import type { Lang } from './render.ts';

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
}

/** A mistake in how the CLI was called: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export interface GlobalOptions {
  registry: string;
  token?: string;
  json?: boolean;
  lang: Lang;
}

export interface CommandContext {
  options: GlobalOptions;
  client: RegistryClient;
  token: string | undefined;
  lang: Lang;
  io: CommandIo;
  /** The command's own options. */
  own: Record<string, unknown>;
  /** Prints the JSON body with --json, otherwise the text `human()` returns. */
  print(body: unknown, human: () => string): void;
}

export type CommandRun = (context: CommandContext, ...args: unknown[]) => Promise<number>;

export function createCommandAction(io: CommandIo, environment: CliEnvironment, setExitCode: (code: number) => void) {
  return (run: CommandRun) =>
    async (...args: unknown[]): Promise<void> => {
      const command = args[args.length - 1] as Command;
      const merged = command.optsWithGlobals<GlobalOptions & Record<string, unknown>>();
      const lang: Lang = merged.lang === 'en' ? 'en' : 'id';
      const token = merged.token ?? environment.token;
      const registry = merged.registry ?? environment.registryUrl;
      const options: GlobalOptions = { ...merged, registry, lang };
      const context: CommandContext = {
        options,
        client: new RegistryClient(registry, token),
        token,
        lang,
        io,
        own: command.opts(),
        print(body, human) {
          io.stdout(options.json ? JSON.stringify(body, null, 2) : human());
        },
      };
      try {
        setExitCode(await run(context, ...args.slice(0, -2)));
      } catch (error) {
        setExitCode(reportCommandFailure(error, context));
      }
    };
}

export function reportCommandFailure(error: unknown, context: Pick<CommandContext, 'io' | 'lang' | 'options'>): number {
  const { io, lang, options } = context;
  if (error instanceof UsageError) {
    io.stderr(error.message);
    return 2;
  }
  if (error instanceof RegistryRequestError) {
    if (options.json) io.stdout(JSON.stringify({ status: error.status, ...error.body }, null, 2));
    else io.stderr(renderRegistryError(error.status, error.body, lang));
    return 1;
  }
  if (error instanceof RegistryUnreachableError) {
    io.stderr(say(lang, `Registry tidak dapat dihubungi: ${error.message}`, `Cannot reach the registry: ${error.message}`));
    return 1;
  }
  throw error;
}
