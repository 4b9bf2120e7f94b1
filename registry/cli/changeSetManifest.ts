/**
 * A change set described in a manifest file (JSON, or YAML for `.yaml`/`.yml`), for
 * `penghubung subgraph publish --manifest set.yaml`:
 *
 *   subgraphs:
 *     - name: bantuan-penerima
 *       theme: kependudukan
 *       url: http://10.0.0.7:4301/graphql
 *       schema: penerima.graphql        # path relative to the manifest
 *       description: Penerima bantuan sosial
 *     - name: bantuan-penghasilan
 *       ...
 *   overrideReason: …                 # administrator only
 *
 * The file is read and turned into the body of POST /v1/change-sets; the registry checks the rest.
 */
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UsageError } from './action.ts';

interface ManifestMember {
  name?: unknown;
  theme?: unknown;
  url?: unknown;
  routingUrl?: unknown;
  schema?: unknown;
  description?: unknown;
  contact?: unknown;
  agency?: unknown;
  timeout?: unknown;
}

const TEXT_FIELDS = ['description', 'contact', 'agency'] as const;

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new UsageError(`${what} ${path} tidak dapat dibaca (${reason}) / cannot read ${path}`);
  }
}

export async function readChangeSetManifest(path: string, overrideReason?: string): Promise<Record<string, unknown>> {
  const text = await readText(path, 'Berkas manifest');
  let parsed: unknown;
  try {
    parsed = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new UsageError(`Manifest ${path} tidak dapat diurai: ${(error as Error).message} / cannot parse the manifest`);
  }
  const members = (parsed as { subgraphs?: unknown } | null)?.subgraphs;
  if (!Array.isArray(members)) {
    throw new UsageError(`Manifest ${path} harus memuat daftar "subgraphs" / the manifest must hold a "subgraphs" list`);
  }
  const base = dirname(resolve(path));
  const subgraphs = [];
  for (const [index, raw] of members.entries()) {
    const member = (raw ?? {}) as ManifestMember;
    const where = `subgraphs[${index}]`;
    for (const key of ['name', 'theme', 'schema'] as const) {
      if (typeof member[key] !== 'string' || member[key] === '') {
        throw new UsageError(`Manifest ${path}: ${where}.${key} wajib diisi / ${where}.${key} is required`);
      }
    }
    const url = member.url ?? member.routingUrl;
    if (typeof url !== 'string' || url === '') {
      throw new UsageError(`Manifest ${path}: ${where}.url wajib diisi / ${where}.url is required`);
    }
    const schemaPath = String(member.schema);
    const schema = await readText(isAbsolute(schemaPath) ? schemaPath : resolve(base, schemaPath), 'Berkas skema');
    subgraphs.push({
      name: member.name,
      theme: member.theme,
      routingUrl: url,
      schema,
      ...Object.fromEntries(TEXT_FIELDS.filter((key) => typeof member[key] === 'string').map((key) => [key, member[key]])),
      ...(member.timeout === undefined ? {} : { timeoutSeconds: member.timeout }),
    });
  }
  const reason = overrideReason ?? (parsed as { overrideReason?: unknown }).overrideReason;
  return { subgraphs, ...(typeof reason === 'string' && reason !== '' ? { overrideReason: reason } : {}) };
}
