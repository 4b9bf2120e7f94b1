/**
 * Ledger micro-benchmarks: hash-chaining throughput for typical ~1 KiB access-log records, and
 * group-commit throughput with a no-op flush and with a flush that waits like a database commit.
 *
 *   npx tsx bench/ledger.bench.ts            # default sizes
 *   npx tsx bench/ledger.bench.ts 200000     # records per measurement
 */
import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { canonicalize } from '../lib/ledger/canonical.ts';
import {
  GENESIS_HEAD,
  chainRecords,
  createChainWriter,
  hashRecord,
  linkRecords,
  toCanonicalRecord,
  type ChainHead,
} from '../lib/ledger/chain.ts';
import { createGroupCommitter } from '../lib/ledger/group-commit.ts';
import { maskVariables } from '../lib/ledger/mask.ts';
import { verifyChain } from '../lib/ledger/verify.ts';

const count = Number(process.argv[2] ?? 100_000);

/** A typical access-log record, about 1 KiB once canonical. */
function accessRecord(i: number): Record<string, unknown> {
  return {
    requestId: `0f8fad5b-d9cb-469f-a165-${String(70_000_000_0000 + i).padStart(12, '0')}`,
    at: new Date(1_720_000_000_000 + i),
    requester: {
      id: 'c9a646d3-9c61-4cb7-bfcd-ee2522c8f633',
      app: 'sipd-kab-pacitan',
      credentialId: 'cred-2f1c',
    },
    graph: 'kependudukan',
    operationName: 'CariPenduduk',
    operationHash: 'a3f1c2d4e5b6978877665544332211ffeeddccbbaa99887766554433221100ff',
    variables: { nik: '330101******0001', limit: 10 },
    lookups: ['5f2b0a6f2cfa8c1e1d3b0a79e1c7b4d2a6e9f8c7b6a5d4e3f2a1b0c9d8e7f6a5'],
    coordinates: [
      'Query.penduduk',
      'Penduduk.nik',
      'Penduduk.nama',
      'Penduduk.tanggalLahir',
      'Penduduk.alamat',
      'Alamat.desa',
      'Alamat.kecamatan',
      'Penduduk.keluarga',
      'Keluarga.noKk',
      'Pegawai.nip',
      'Pegawai.jabatan',
    ],
    subgraphs: [
      { name: 'disdukcapil', status: 200, durationMs: 12.4 },
      { name: 'bkpsdm', status: 200, durationMs: 8.1 },
    ],
    outcome: 'ok',
    clientAddress: '10.20.30.40',
    userAgent: 'sipd-client/2.3.1 (+https://sipd.pacitankab.go.id)',
    durationMs: 23.7,
  };
}

function rate(n: number, ms: number): string {
  return `${Math.round((n / ms) * 1000).toLocaleString('en-US')}/s`;
}

/** Runs `fn` `rounds` times after one warm-up; prints the median rate of `n` operations per run. */
async function measure(label: string, n: number, fn: () => unknown, rounds = 5): Promise<void> {
  await fn();
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `${label.padEnd(44)} ${rate(n, median).padStart(12)}  (median of ${rounds}, ${median.toFixed(1)} ms per ${n.toLocaleString('en-US')})`,
  );
}

async function main(): Promise<void> {
  const records = Array.from({ length: count }, (_, i) => accessRecord(i));
  const sampleBytes = Buffer.byteLength(canonicalize(records[0]));
  console.log(
    `node ${process.version}, ${count.toLocaleString('en-US')} records of ~${sampleBytes} B canonical`,
  );

  const canonical = records.map(toCanonicalRecord);
  await measure('canonicalize', count, () => {
    for (const record of records) canonicalize(record);
  });
  await measure('hashRecord (SHA-256, chained)', count, () => {
    let prev = GENESIS_HEAD.hash;
    for (const { canonical: text } of canonical) prev = hashRecord(prev, text);
  });
  // In batches of 500, as the group committer hands them to the chain writer.
  await measure('linkRecords, batches of 500 (under the lock)', count, () => {
    let head: ChainHead = GENESIS_HEAD;
    for (let i = 0; i < canonical.length; i += 500) {
      const rows = linkRecords(head, canonical.slice(i, i + 500));
      const last = rows[rows.length - 1]!;
      head = { seq: last.seq, hash: last.hash };
    }
  });
  await measure('chainRecords, batches of 500 (canon. + hash)', count, () => {
    let head: ChainHead = GENESIS_HEAD;
    for (let i = 0; i < records.length; i += 500) {
      const rows = chainRecords(head, records.slice(i, i + 500));
      const last = rows[rows.length - 1]!;
      head = { seq: last.seq, hash: last.hash };
    }
  });

  const linked = linkRecords(GENESIS_HEAD, canonical);
  const { publicKey } = generateKeyPairSync('ed25519');
  await measure('verifyChain', count, async () => {
    const report = await verifyChain(linked, [], publicKey);
    if (!report.ok) throw new Error('chain should verify');
  });

  const secret = 'bench-secret';
  const variables = {
    nik: '3301012345670001',
    filter: { nama: 'Budi', limit: 10 },
    q: 'cari 3301012345670002',
  };
  const maskCount = Math.min(count, 50_000);
  await measure('maskVariables (3 identifiers)', maskCount, () => {
    for (let i = 0; i < maskCount; i++) maskVariables(variables, { secret });
  });

  let t: number;
  // Group commit, no-op flush: the committer's own overhead.
  for (const maxDelayMs of [0, 2]) {
    const committer = createGroupCommitter<number>({
      maxDelayMs,
      maxPending: Infinity,
      flush: async () => {},
    });
    t = performance.now();
    await Promise.all(Array.from({ length: count }, (_, i) => committer.submit(i)));
    const ms = performance.now() - t;
    const stats = committer.stats();
    console.log(
      `group commit no-op flush, maxDelayMs=${maxDelayMs}: ${rate(count, ms)}  ` +
        `(${stats.batches} flushes, mean batch ${(count / stats.batches).toFixed(0)})`,
    );
    await committer.close();
  }

  // Group commit with a 1 ms "commit" and 64 concurrent clients each submitting in a loop.
  for (const maxDelayMs of [0, 2]) {
    const clients = 64;
    const perClient = Math.floor(Math.min(count, 50_000) / clients);
    const committer = createGroupCommitter<number>({
      maxDelayMs,
      flush: () => new Promise((resolve) => setTimeout(resolve, 1)),
    });
    t = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < perClient; i++) await committer.submit(c * perClient + i);
      }),
    );
    const ms = performance.now() - t;
    const stats = committer.stats();
    console.log(
      `group commit 1 ms flush, ${clients} looping clients, maxDelayMs=${maxDelayMs}: ${rate(clients * perClient, ms)}  ` +
        `(${stats.batches} flushes, mean batch ${((clients * perClient) / stats.batches).toFixed(1)}, ` +
        `${((ms / (clients * perClient)) * clients).toFixed(2)} ms per submit)`,
    );
    await committer.close();
  }

  // Full path minus the database: submit → canonicalize → queue → lock/link/insert in memory.
  {
    let head: ChainHead = { ...GENESIS_HEAD };
    const writer = createChainWriter<Record<string, unknown>>({
      chain: 'access',
      transaction: (work) =>
        work({
          lockAndRead: async () => head,
          insert: async () => {},
          advance: async (_chain, seq, hash) => {
            head = { seq, hash };
          },
        }),
    });
    const committer = createGroupCommitter({
      prepare: toCanonicalRecord<Record<string, unknown>>,
      flush: writer.flush,
    });
    const clients = 256; // concurrent requests in a gateway: bounded, like real traffic
    const perClient = Math.floor(count / clients);
    t = performance.now();
    await Promise.all(
      Array.from({ length: clients }, async (_, c) => {
        for (let i = 0; i < perClient; i++) await committer.submit(records[c * perClient + i]!);
      }),
    );
    const ms = performance.now() - t;
    const stats = committer.stats();
    console.log(
      `group commit + chain writer (in-memory tx), ${clients} clients: ${rate(clients * perClient, ms)}  ` +
        `(${stats.batches} flushes, mean batch ${((clients * perClient) / stats.batches).toFixed(0)}, head seq ${head.seq})`,
    );
    await committer.close();
  }
}

await main();
