/**
 * How the writer stores a batch: the row stored is the row hashed, whatever its text (on PostgreSQL
 * JSON in the flush's one message for a few rows and COPY text for many; json_to_recordset on PGlite
 * and with `insertPath: 'drizzle'`), a batch the database refuses fails alone and closed, and two
 * writers on one database (two gateway processes) keep one linear chain.
 */
import { generateKeyPairSync } from 'node:crypto';
import { asc, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../drizzle/database.ts';
import { accessLog } from '../../drizzle/schema/index.ts';
import type { AccessEvent } from '../../gateway/buildGateway.ts';
import {
  accessLogCanonicalForm,
  buildAccessLogEntry,
  createAccessLogWriter,
  prepareAccessLogRecord,
  type AccessLogEntry,
} from '../../lib/accessLog/index.ts';
import { verifyLedger } from '../../registry/log/verifyLog.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { accessEvent } from './harness.ts';

const SECRET = 'rahasia-operator-uji';
const keys = generateKeyPairSync('ed25519');

/** Text that COPY, array literals and JSON each treat specially. */
const AWKWARD = [
  'tab\there',
  'new\nline',
  'carriage\rreturn',
  'back\\slash',
  '\\N',
  '\\.',
  'quote"d',
  "apos'trophe",
  '{brace}',
  'com,ma',
  ' spaced ',
  'NULL',
  '',
  'emoji 🇮🇩 ok',
  'ünïcödé',
  'mixed\t\\n"{,}\\',
];

function awkwardEvent(index: number): AccessEvent {
  const text = AWKWARD[index % AWKWARD.length]!;
  const event = accessEvent({
    requestId: `aneh-${index}-${text}`,
    graph: `graf ${text}`,
    clientAddress: text,
    variables: { teks: text, daftar: [text, { [text]: text }], angka: -0, pecahan: 1e21, kosong: null },
  });
  event.context!.operation = {
    ...event.context!.operation!,
    name: text,
    errorCode: text,
    coordinates: [`Query.${text}`, text, 'Query.halo'],
    deniedCoordinates: index % 2 ? [text] : [],
  };
  event.context!.subgraphCalls = [
    { subgraph: text, status: 200, durationMs: 1.5, error: text },
    { subgraph: 'uji', status: 502, durationMs: Number.NaN },
  ];
  return event;
}

/** What the test reads back, in the shape of `AccessLogEntry`. */
function entryOf(row: typeof accessLog.$inferSelect): AccessLogEntry {
  const { seq: _seq, prevHash: _prevHash, hash: _hash, clientRequestId, ...entry } = row;
  // A row without a client request id has none in its entry either (the canonical form leaves it out).
  return (clientRequestId === null ? entry : { ...entry, clientRequestId }) as AccessLogEntry;
}

describe('prepared records', () => {
  it('carry the canonical form accessLogCanonicalForm gives, for awkward values too', () => {
    const events: AccessEvent[] = AWKWARD.map((_, index) => awkwardEvent(index));
    // Values off the plain-JSON path: the general one (JSON round trip, unstorable text replaced).
    events.push(
      accessEvent({
        variables: {
          tanggal: new Date('2026-03-04T05:06:07.089Z'),
          tidakAda: undefined,
          takHingga: Number.POSITIVE_INFINITY,
          nul: 'a\u0000b',
          ['kunci\u0000']: 'x\ud800y',
          ['__proto__']: { bukan: 'prototipe' },
          denganToJSON: { toJSON: () => 'diganti' },
          berlubang: [1, , 3], // eslint-disable-line no-sparse-arrays -- a hole, as JSON.stringify renders null
        } as Record<string, unknown>,
      }),
    );
    for (const event of events) {
      const prepared = prepareAccessLogRecord(event, { secret: SECRET });
      expect(prepared.canonical).toBe(accessLogCanonicalForm(prepared.record));
      expect(JSON.parse(JSON.stringify(prepared.record))).toEqual(JSON.parse(JSON.stringify(buildAccessLogEntry(event, { secret: SECRET }).entry)));
    }
  });
});

describe('the writer stores what it hashed', () => {
  let test: TestDatabase;

  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test?.drop();
  });

  // 16 rows go in one message on PostgreSQL, 80 with COPY.
  for (const [insertPath, rows] of [
    ['postgres', 16],
    ['postgres', 80],
    ['drizzle', 16],
  ] as const) {
    it(`column by column, for text COPY, arrays and JSON treat specially (insertPath ${insertPath}, ${rows} rows)`, async () => {
      const writer = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET, insertPath, maxDelayMs: 5 });
      await writer.record(accessEvent()); // the first batch reads the head under its lock; the next ones do not
      const events = Array.from({ length: rows }, (_, index) => awkwardEvent(index));
      for (const event of events) event.requestId = `${insertPath}-${rows}-${event.requestId}`;
      await Promise.all(events.map((event) => writer.record(event)));
      const stats = writer.stats();
      await writer.close();
      expect(stats.largestBatch).toBe(rows);

      const stored = await test.handle.db
        .select()
        .from(accessLog)
        .where(
          inArray(
            accessLog.requestId,
            events.map((event) => event.requestId),
          ),
        )
        .orderBy(asc(accessLog.seq));
      expect(stored.map((row) => row.requestId)).toEqual(events.map((event) => event.requestId));
      for (const [index, row] of stored.entries()) {
        const prepared = prepareAccessLogRecord(events[index]!, { secret: SECRET });
        expect(entryOf(row)).toEqual(prepared.record);
        expect(accessLogCanonicalForm(entryOf(row))).toBe(prepared.canonical);
      }
      const report = await verifyLedger(test.handle, keys.publicKey, { chain: 'access' });
      expect(report.firstProblem).toBeUndefined();
    });
  }

  // 3 rows in one message on PostgreSQL, 40 with COPY (whose failure postgres.js would not report).
  for (const size of [3, 40]) {
    it(`fails a batch the database refuses, closed and alone, without hanging, and the chain goes on (${size} rows)`, async () => {
      await test.handle.db.execute(sql.raw(`alter table access_log add constraint uji_tolak check (request_id <> 'ditolak-db')`));
      try {
        const writer = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET, maxDelayMs: 20, onError: () => {} });
        await writer.record(accessEvent({ requestId: `sebelum-${size}` }));
        const batch = Array.from({ length: size }, (_, index) => (index === 1 ? 'ditolak-db' : `bersama-${size}-${index}`));
        const refused = await Promise.allSettled(batch.map((requestId) => writer.record(accessEvent({ requestId }))));
        expect(refused.every((result) => result.status === 'rejected')).toBe(true);
        expect((refused[1] as PromiseRejectedResult).reason).toMatchObject({ code: 'UNAVAILABLE' });
        await writer.record(accessEvent({ requestId: `sesudah-${size}` }));
        await writer.close();
        expect(writer.stats()).toMatchObject({ failedBatches: 1, failed: size });

        const stored = await test.handle.db
          .select({ requestId: accessLog.requestId })
          .from(accessLog)
          .where(inArray(accessLog.requestId, [`sebelum-${size}`, ...batch, `sesudah-${size}`]))
          .orderBy(asc(accessLog.seq));
        expect(stored.map((row) => row.requestId)).toEqual([`sebelum-${size}`, `sesudah-${size}`]);
        const report = await verifyLedger(test.handle, keys.publicKey, { chain: 'access' });
        expect(report.firstProblem).toBeUndefined();
      } finally {
        await test.handle.db.execute(sql.raw('alter table access_log drop constraint uji_tolak'));
      }
    });
  }
});

describe('two writers on one database, as two gateway processes', () => {
  let test: TestDatabase;
  let second: DatabaseHandle;

  beforeAll(async () => {
    test = await createTestDatabase();
    // PostgreSQL: a second pool, as another process has; PGlite serves one process, so the same handle.
    second = test.url ? await openDatabase({ url: test.url, dataDir: '' }) : test.handle;
  });
  afterAll(async () => {
    if (second !== test?.handle) await second?.close();
    await test?.drop();
  });

  it('interleave whole batches into one linear chain, each picking up the head the other left', async () => {
    const a = createAccessLogWriter({ database: test.handle, lookupSecret: SECRET, maxBatch: 25 });
    const b = createAccessLogWriter({ database: second, lookupSecret: SECRET, maxBatch: 25 });
    // Strictly alternating: each writer's remembered head is stale at its next batch.
    for (let round = 0; round < 3; round += 1) {
      await a.record(accessEvent({ requestId: `a-${round}` }));
      await b.record(accessEvent({ requestId: `b-${round}` }));
    }
    // Then both at once.
    await Promise.all([
      ...Array.from({ length: 200 }, (_, index) => a.record(accessEvent({ requestId: `a-serentak-${index}` }))),
      ...Array.from({ length: 200 }, (_, index) => b.record(accessEvent({ requestId: `b-serentak-${index}` }))),
    ]);
    await a.close();
    await b.close();

    const rows = await test.handle.db.select({ seq: accessLog.seq, requestId: accessLog.requestId }).from(accessLog).orderBy(asc(accessLog.seq));
    expect(rows.map((row) => row.seq)).toEqual(Array.from({ length: 406 }, (_, index) => index + 1));
    expect(rows.slice(0, 6).map((row) => row.requestId)).toEqual(['a-0', 'b-0', 'a-1', 'b-1', 'a-2', 'b-2']);
    // Each writer's own records keep their submit order.
    for (const prefix of ['a-serentak-', 'b-serentak-']) {
      const own = rows.filter((row) => row.requestId.startsWith(prefix)).map((row) => Number(row.requestId.slice(prefix.length)));
      expect(own).toEqual(Array.from({ length: 200 }, (_, index) => index));
    }
    const report = await verifyLedger(test.handle, keys.publicKey, { chain: 'access' });
    expect(report.firstProblem).toBeUndefined();
    expect(report).toMatchObject({ ok: true, checked: 406 });
  });
});
