/**
 * The CLI's own configuration, from its environment: the one exception to "only lib/config.ts reads
 * process.env", because the CLI is a separate program run by publishers and CI pipelines, not a part
 * of the server. Flags override these values.
 */
export interface CliEnvironment {
  registryUrl: string;
  token: string | undefined;
}

export const DEFAULT_REGISTRY_URL = 'http://127.0.0.1:4100';

export function readCliEnvironment(env: NodeJS.ProcessEnv = process.env): CliEnvironment {
  const url = env['PENGHUBUNG_REGISTRY_URL']?.trim();
  const token = env['PENGHUBUNG_TOKEN']?.trim();
  return { registryUrl: url ? url : DEFAULT_REGISTRY_URL, token: token ? token : undefined };
}
