/**
 * Validation of a subgraph's routing URL, the address the gateway will send requests to. A publisher
 * chooses it, the gateway calls it carrying signed identities: without a check, a publisher could
 * point the bus at the host's cloud metadata service or at link-local devices (server-side request
 * forgery through the bus).
 *
 * Always refused: schemes other than http/https; credentials in the URL (they would end up in the
 * registry, the supergraph and the logs — use the gateway's signed token instead); link-local
 * addresses (169.254.0.0/16, fe80::/10); cloud metadata endpoints (169.254.169.254,
 * metadata.google.internal, 100.100.100.200, fd00:ec2::254, ...); unspecified, broadcast and
 * multicast addresses. A host name is resolved (every address) and refused if any address falls in
 * those ranges, including IPv4 addresses embedded in IPv6 (::ffff:a.b.c.d, 64:ff9b::a.b.c.d).
 *
 * Allowed by default: loopback and private ranges (127.0.0.0/8, 10/8, 172.16/12, 192.168/16,
 * 100.64/10, ::1, fc00::/7). Agencies of a local government run their services on the government's
 * own network (a subgraph beside each agency's REST API, or on the same host as the gateway in small
 * installations), so private addresses are the normal case here, not an attack. An installation
 * whose subgraphs all live on public addresses can refuse them with `allowPrivate: false`.
 *
 * Limits: this checks the URL at publish time. DNS can change afterwards (rebinding); the gateway's
 * HTTP client should apply the same address policy when it connects.
 */
import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { ErrorCode, fail, ok } from '../../lib/errors.ts';
import type { Message, Result } from '../../lib/errors.ts';

export interface ResolvedAddress {
  address: string;
  family: number;
}

export interface RoutingUrlOptions {
  /** Allow loopback and private addresses (default true: agencies run on the local network). */
  allowPrivate?: boolean;
  /** Resolves a host name to all its addresses (default: `dns.promises.lookup(host, { all: true })`). */
  lookup?: (hostname: string) => Promise<ResolvedAddress[]>;
  /** Give up on a resolution after this long (default 5000 ms). */
  lookupTimeoutMs?: number;
}

export interface ValidatedRoutingUrl {
  /** The URL as normalized by the WHATWG parser. */
  url: string;
  hostname: string;
  /** The addresses the host resolved to (the literal address for an IP host). */
  addresses: string[];
}

/** Why a URL was refused, in `details.reason` of the failure. */
export type RoutingUrlRefusal =
  | 'INVALID_URL'
  | 'SCHEME_NOT_ALLOWED'
  | 'CREDENTIALS_IN_URL'
  | 'METADATA_HOST'
  | 'FORBIDDEN_ADDRESS'
  | 'PRIVATE_ADDRESS'
  | 'UNRESOLVABLE_HOST';

const METADATA_HOSTNAMES = new Set([
  'metadata.google.internal', // Google Cloud
  'metadata.goog', // Google Cloud
  'instance-data.ec2.internal', // AWS
]);

/** Never reachable through the bus, whatever `allowPrivate` says. */
const FORBIDDEN = new BlockList();
FORBIDDEN.addSubnet('169.254.0.0', 16, 'ipv4'); // link-local, incl. 169.254.169.254 (AWS, Azure, GCP, OCI metadata)
FORBIDDEN.addAddress('100.100.100.200', 'ipv4'); // Alibaba Cloud metadata
FORBIDDEN.addSubnet('0.0.0.0', 8, 'ipv4'); // "this network"; 0.0.0.0 reaches the local host on Linux
FORBIDDEN.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
FORBIDDEN.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved, incl. broadcast 255.255.255.255
FORBIDDEN.addSubnet('fe80::', 10, 'ipv6'); // link-local
FORBIDDEN.addAddress('fd00:ec2::254', 'ipv6'); // AWS metadata over IPv6
FORBIDDEN.addAddress('::', 'ipv6'); // unspecified
FORBIDDEN.addSubnet('ff00::', 8, 'ipv6'); // multicast

/** Loopback and private: refused only with `allowPrivate: false`. */
const PRIVATE = new BlockList();
PRIVATE.addSubnet('127.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('10.0.0.0', 8, 'ipv4');
PRIVATE.addSubnet('172.16.0.0', 12, 'ipv4');
PRIVATE.addSubnet('192.168.0.0', 16, 'ipv4');
PRIVATE.addSubnet('100.64.0.0', 10, 'ipv4'); // carrier-grade NAT, used by some government networks
PRIVATE.addAddress('::1', 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6'); // unique local

const defaultLookup = (hostname: string): Promise<ResolvedAddress[]> =>
  dnsLookup(hostname, { all: true, verbatim: true });

export async function validateRoutingUrl(
  input: string,
  options: RoutingUrlOptions = {},
): Promise<Result<ValidatedRoutingUrl>> {
  const allowPrivate = options.allowPrivate ?? true;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return refuse(
      'INVALID_URL',
      { id: `URL tidak sah: '${input}'.`, en: `Invalid URL: '${input}'.` },
      ErrorCode.BAD_REQUEST,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return refuse('SCHEME_NOT_ALLOWED', {
      id: `Skema '${url.protocol}' tidak diizinkan; gunakan http atau https.`,
      en: `Scheme '${url.protocol}' is not allowed; use http or https.`,
    });
  }
  if (url.username !== '' || url.password !== '') {
    return refuse('CREDENTIALS_IN_URL', {
      id: 'URL tidak boleh memuat nama pengguna atau kata sandi.',
      en: 'The URL must not contain a user name or password.',
    });
  }

  // WHATWG parsing already normalizes 0xa9fea9fe, 2852039166, ... to dotted IPv4.
  const hostname = url.hostname
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^\[(.*)\]$/, '$1');
  if (METADATA_HOSTNAMES.has(hostname)) {
    return refuse('METADATA_HOST', {
      id: `Host '${hostname}' adalah layanan metadata cloud dan tidak boleh dijadikan tujuan.`,
      en: `Host '${hostname}' is a cloud metadata service and cannot be a routing target.`,
    });
  }

  let addresses: string[];
  if (isIP(hostname) !== 0) {
    addresses = [hostname];
  } else {
    const resolved = await resolve(
      hostname,
      options.lookup ?? defaultLookup,
      options.lookupTimeoutMs ?? 5000,
    );
    if (!resolved.ok) {
      return refuse('UNRESOLVABLE_HOST', {
        id: `Nama host '${hostname}' tidak dapat di-resolve (${resolved.reason}).`,
        en: `Host name '${hostname}' could not be resolved (${resolved.reason}).`,
      });
    }
    addresses = resolved.addresses;
  }

  for (const address of addresses) {
    const verdict = classifyAddress(address);
    if (verdict === 'forbidden') {
      return refuse('FORBIDDEN_ADDRESS', {
        id: `Host '${hostname}' mengarah ke alamat ${address} (link-local, metadata cloud, atau bukan unicast) yang tidak boleh dijadikan tujuan.`,
        en: `Host '${hostname}' points to ${address} (link-local, cloud metadata or not unicast), which cannot be a routing target.`,
      });
    }
    if (verdict === 'private' && !allowPrivate) {
      return refuse('PRIVATE_ADDRESS', {
        id: `Host '${hostname}' mengarah ke alamat privat atau loopback ${address}, yang tidak diizinkan pada instalasi ini.`,
        en: `Host '${hostname}' points to private or loopback address ${address}, which this installation does not allow.`,
      });
    }
  }
  return ok({ url: url.href, hostname, addresses });
}

/** `forbidden` (never), `private` (loopback/private), or `public`. */
export function classifyAddress(rawAddress: string): 'forbidden' | 'private' | 'public' {
  const address = rawAddress.replace(/%.*$/, ''); // drop an IPv6 zone id
  const family = isIP(address);
  if (family === 0) return 'forbidden';
  const type = family === 4 ? 'ipv4' : 'ipv6';
  const embedded = family === 6 ? embeddedIpv4(address) : null;
  if (embedded !== null) return classifyAddress(embedded);
  if (FORBIDDEN.check(address, type)) return 'forbidden';
  if (PRIVATE.check(address, type)) return 'private';
  return 'public';
}

/** The IPv4 address inside an IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) IPv6 address. */
function embeddedIpv4(address: string): string | null {
  const groups = expandIpv6(address);
  if (groups === null) return null;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  const nat64 =
    groups[0] === 0x64 && groups[1] === 0xff9b && groups.slice(2, 6).every((group) => group === 0);
  if (!mapped && !nat64) return null;
  const high = groups[6] as number;
  const low = groups[7] as number;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of an IPv6 address (handles `::` and a trailing dotted IPv4). */
function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = text.slice(0, dotted.index) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail, ...rest] = text.split('::');
  if (rest.length > 0) return null;
  const parse = (part: string): number[] =>
    part === '' ? [] : part.split(':').map((group) => parseInt(group, 16));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const groups = [...left, ...new Array<number>(missing).fill(0), ...right];
  return groups.some((group) => Number.isNaN(group)) ? null : groups;
}

async function resolve(
  hostname: string,
  lookup: (hostname: string) => Promise<ResolvedAddress[]>,
  timeoutMs: number,
): Promise<{ ok: true; addresses: string[] } | { ok: false; reason: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout after ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const results = await Promise.race([lookup(hostname), timeout]);
    if (results.length === 0) return { ok: false, reason: 'no address' };
    return { ok: true, addresses: results.map((result) => result.address) };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return {
      ok: false,
      reason: typeof code === 'string' ? code : error instanceof Error ? error.message : 'unknown',
    };
  } finally {
    clearTimeout(timer);
  }
}

function refuse(
  reason: RoutingUrlRefusal,
  message: Message,
  code: ErrorCode = ErrorCode.VALIDATION_FAILED,
): Result<ValidatedRoutingUrl> {
  return fail(code, message, { reason });
}
