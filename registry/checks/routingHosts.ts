/**
 * Where an agency's subgraphs may route (DESIGN.md, "Trust boundaries"): the administrator sets, per
 * agency, hosts (`dinkes.pacitankab.go.id`, `10.2.0.15:4202`) or URL prefixes
 * (`https://api.pacitankab.go.id/dinkes/`); a publish whose routing URL matches none is refused. So a
 * publisher cannot point the bus, and the tokens it signs, at a machine of its own choosing.
 *
 * A host entry matches the URL's host exactly (with its port when the entry names one, any port
 * otherwise). A prefix entry matches a URL equal to it or continuing it after a `/` boundary, so
 * `https://api.go.id/dinkes` does not admit `https://api.go.id/dinkes-palsu`.
 */
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Result } from '../../lib/errors.ts';

const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::\d{1,5})?$|^\[[0-9a-f:.]+\](?::\d{1,5})?$/;

/** An entry as stored: a lower-case host[:port] or a normalized http(s) URL prefix. */
export function normalizeRoutingEntry(raw: string): Result<string> {
  const entry = raw.trim();
  const invalid = fail<string>(
    ErrorCode.VALIDATION_FAILED,
    {
      id: `'${entry}' bukan host (mis. dinkes.pacitankab.go.id atau 10.2.0.15:4202) atau awalan URL http/https tanpa kredensial, query, atau fragmen.`,
      en: `'${entry}' is neither a host (e.g. dinkes.pacitankab.go.id or 10.2.0.15:4202) nor an http/https URL prefix without credentials, query or fragment.`,
    },
    { field: 'allowed', entry },
  );
  if (/^https?:\/\//i.test(entry)) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      return invalid;
    }
    if (url.username || url.password || url.search || url.hash) return invalid;
    return ok(url.href);
  }
  const host = entry.toLowerCase();
  return HOST.test(host) ? ok(host) : invalid;
}

/** Whether a (validated, normalized) routing URL is admitted by one of the entries. */
export function routingUrlAllowed(routingUrl: string, entries: readonly string[]): boolean {
  const url = new URL(routingUrl);
  return entries.some((entry) => {
    if (!/^https?:\/\//.test(entry)) {
      return entry.includes(':') && !entry.startsWith('[') ? url.host === entry : url.hostname === entry || url.host === entry;
    }
    const prefix = entry.endsWith('/') ? entry : `${entry}/`;
    return url.href === entry || url.href.startsWith(prefix);
  });
}
