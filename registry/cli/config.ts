/**
 * The CLI's own configuration, from its environment: the one exception to "only lib/config.ts reads
 * process.env", because the CLI is a separate program run by publishers and CI pipelines, not a part
 * of the server. It reads the same variables the system does, so on the machine that runs Penghubung
 * the CLI finds the registry wherever `PENGHUBUNG_HOST`/`PENGHUBUNG_REGISTRY_PORT` put it.
 * `PENGHUBUNG_REGISTRY_URL` (another machine) comes first; flags override them all.
 */
export interface CliEnvironment {
  registryUrl: string;
  token: string | undefined;
}

export const DEFAULT_REGISTRY_URL = 'http://127.0.0.1:4100';

/** A listening address that names every interface is reached through the loopback one. */
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export function readCliEnvironment(env: NodeJS.ProcessEnv = process.env): CliEnvironment {
  const url = env['PENGHUBUNG_REGISTRY_URL']?.trim();
  const token = env['PENGHUBUNG_TOKEN']?.trim();
  return { registryUrl: url ? url : localRegistryUrl(env), token: token ? token : undefined };
}

function localRegistryUrl(env: NodeJS.ProcessEnv): string {
  const port = env['PENGHUBUNG_REGISTRY_PORT']?.trim();
  const configuredHost = env['PENGHUBUNG_HOST']?.trim();
  if (!port && !configuredHost) return DEFAULT_REGISTRY_URL;
  const host = !configuredHost || WILDCARD_HOSTS.has(configuredHost) ? '127.0.0.1' : configuredHost;
  const bracketed = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `http://${bracketed}:${port || '4100'}`;
}
