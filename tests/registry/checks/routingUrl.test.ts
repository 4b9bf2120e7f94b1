import { describe, expect, it } from 'vitest';
import { classifyAddress, validateRoutingUrl } from '../../../registry/checks/index.ts';
import type { ResolvedAddress } from '../../../registry/checks/index.ts';

/** A resolver over a fixed table, so tests never depend on the network's DNS. */
function fakeDns(table: Record<string, string[]>) {
  const asked: string[] = [];
  const lookup = async (hostname: string): Promise<ResolvedAddress[]> => {
    asked.push(hostname);
    const addresses = table[hostname];
    if (!addresses)
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookup, asked };
}

const dns = fakeDns({
  'api.dukcapil.example.go.id': ['203.0.113.10'],
  'subgraph.kominfo.lan': ['10.20.0.15'],
  'jebakan.example.com': ['203.0.113.20', '169.254.169.254'],
  'link-lokal.example.com': ['fe80::1'],
});

async function reasonOf(url: string, options = {}) {
  const result = await validateRoutingUrl(url, { lookup: dns.lookup, ...options });
  return result.ok ? 'OK' : (result.error.details as { reason: string }).reason;
}

describe('validateRoutingUrl', () => {
  it('accepts http and https URLs of public hosts and reports the resolved addresses', async () => {
    const result = await validateRoutingUrl('https://api.dukcapil.example.go.id/graphql', {
      lookup: dns.lookup,
    });
    expect(result).toEqual({
      ok: true,
      value: {
        url: 'https://api.dukcapil.example.go.id/graphql',
        hostname: 'api.dukcapil.example.go.id',
        addresses: ['203.0.113.10'],
      },
    });
    expect(await reasonOf('http://203.0.113.10:4001/graphql')).toBe('OK');
  });

  it('accepts localhost and private addresses by default (agencies run on the local network)', async () => {
    const result = await validateRoutingUrl('http://localhost:4001/graphql'); // the real resolver: /etc/hosts
    expect(result.ok).toBe(true);
    expect(await reasonOf('http://127.0.0.1:4001/graphql')).toBe('OK');
    expect(await reasonOf('http://[::1]:4001/graphql')).toBe('OK');
    expect(await reasonOf('http://192.168.1.20/graphql')).toBe('OK');
    expect(await reasonOf('http://subgraph.kominfo.lan/graphql')).toBe('OK');
  });

  it('refuses loopback and private addresses when the installation disallows them', async () => {
    expect(await reasonOf('http://127.0.0.1:4001/graphql', { allowPrivate: false })).toBe('PRIVATE_ADDRESS');
    expect(await reasonOf('http://subgraph.kominfo.lan/graphql', { allowPrivate: false })).toBe(
      'PRIVATE_ADDRESS',
    );
    expect(await reasonOf('http://[fd12:3456::1]/graphql', { allowPrivate: false })).toBe('PRIVATE_ADDRESS');
    expect(await reasonOf('https://api.dukcapil.example.go.id/graphql', { allowPrivate: false })).toBe('OK');
  });

  it('refuses link-local addresses, IPv4 and IPv6', async () => {
    expect(await reasonOf('http://169.254.10.1/graphql')).toBe('FORBIDDEN_ADDRESS');
    expect(await reasonOf('http://[fe80::1]/graphql')).toBe('FORBIDDEN_ADDRESS');
    expect(await reasonOf('http://[febf::1]/graphql')).toBe('FORBIDDEN_ADDRESS');
  });

  it('refuses cloud metadata endpoints, whatever allowPrivate says', async () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://metadata.google.internal/computeMetadata/v1/',
      'http://METADATA.GOOGLE.INTERNAL./computeMetadata/v1/',
      'http://100.100.100.200/latest/meta-data/',
      'http://[fd00:ec2::254]/latest/meta-data/',
    ]) {
      const result = await validateRoutingUrl(url, { lookup: dns.lookup, allowPrivate: true });
      expect(result.ok, url).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('refuses obfuscated spellings of the metadata address', async () => {
    expect(await reasonOf('http://0xa9fea9fe/')).toBe('FORBIDDEN_ADDRESS'); // hex
    expect(await reasonOf('http://2852039166/')).toBe('FORBIDDEN_ADDRESS'); // decimal
    expect(await reasonOf('http://[::ffff:169.254.169.254]/')).toBe('FORBIDDEN_ADDRESS'); // IPv4-mapped
    expect(await reasonOf('http://[64:ff9b::a9fe:a9fe]/')).toBe('FORBIDDEN_ADDRESS'); // NAT64
  });

  it('refuses a host name if any of its addresses is forbidden', async () => {
    expect(await reasonOf('http://jebakan.example.com/graphql')).toBe('FORBIDDEN_ADDRESS');
    expect(await reasonOf('http://link-lokal.example.com/graphql')).toBe('FORBIDDEN_ADDRESS');
  });

  it('refuses schemes other than http and https', async () => {
    expect(await reasonOf('ftp://api.dukcapil.example.go.id/graphql')).toBe('SCHEME_NOT_ALLOWED');
    expect(await reasonOf('file:///etc/passwd')).toBe('SCHEME_NOT_ALLOWED');
    expect(await reasonOf('gopher://localhost:6379/_INFO')).toBe('SCHEME_NOT_ALLOWED');
    const result = await validateRoutingUrl('ftp://x.example/', { lookup: dns.lookup });
    if (!result.ok) expect(result.error.message).toContain("Skema 'ftp:' tidak diizinkan");
  });

  it('refuses credentials in the URL', async () => {
    expect(await reasonOf('http://user:pass@api.dukcapil.example.go.id/graphql')).toBe('CREDENTIALS_IN_URL');
    expect(await reasonOf('http://token@api.dukcapil.example.go.id/graphql')).toBe('CREDENTIALS_IN_URL');
  });

  it('refuses text that is not a URL with BAD_REQUEST', async () => {
    const result = await validateRoutingUrl('bukan url', { lookup: dns.lookup });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('BAD_REQUEST');
  });

  it('refuses a host name that does not resolve, or resolves too slowly', async () => {
    expect(await reasonOf('http://tidak-ada.example.com/graphql')).toBe('UNRESOLVABLE_HOST');
    const never = () => new Promise<ResolvedAddress[]>(() => {});
    expect(await reasonOf('http://lambat.example.com/graphql', { lookup: never, lookupTimeoutMs: 20 })).toBe(
      'UNRESOLVABLE_HOST',
    );
  });

  it('does not resolve IP literals', async () => {
    const local = fakeDns({});
    await validateRoutingUrl('http://10.0.0.1/graphql', { lookup: local.lookup });
    expect(local.asked).toEqual([]);
  });
});

describe('classifyAddress', () => {
  it('sorts addresses into forbidden, private and public', () => {
    expect(classifyAddress('169.254.169.254')).toBe('forbidden');
    expect(classifyAddress('0.0.0.0')).toBe('forbidden');
    expect(classifyAddress('224.0.0.1')).toBe('forbidden');
    expect(classifyAddress('fe80::1%eth0')).toBe('forbidden');
    expect(classifyAddress('::ffff:10.0.0.1')).toBe('private');
    expect(classifyAddress('100.64.0.1')).toBe('private');
    expect(classifyAddress('172.31.255.255')).toBe('private');
    expect(classifyAddress('172.32.0.1')).toBe('public');
    expect(classifyAddress('2001:db8::1')).toBe('public');
  });
});
