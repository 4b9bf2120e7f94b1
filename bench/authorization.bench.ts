/**
 * Micro-benchmark of field-level authorization (gateway/authorization/core).
 *
 *   npx tsx bench/authorization.bench.ts
 *
 * Prints operations per second for: the coordinate walk uncached and cached, the rule evaluation
 * with 10 and 1,000 grants (uncached, and the cached decision), and the "drop denied fields"
 * rewrite. Figures only: nothing here asserts a time.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import {
  FieldAuthorizer,
  authorizeCoordinates,
  buildShieldRules,
  collectFieldCoordinates,
  removeDeniedFields,
} from '../gateway/authorization/core/index.ts';
import type { GrantSet, OperationRequest } from '../gateway/authorization/core/index.ts';

const schema = buildSchema(
  readFileSync(new URL('../tests/gateway/authorization/fixtures/schema.graphql', import.meta.url), 'utf8'),
);

const query = /* GraphQL */ `
  query ProfilLengkap($nik: String!, $rinci: Boolean = true) {
    penduduk(nik: $nik) {
      nik
      nama
      tanggalLahir
      alamat @include(if: $rinci) {
        jalan
        rt
        rw
        kelurahan
        kecamatan
      }
      kartuKeluarga {
        ...Terbit
        kepalaKeluarga {
          nik
          nama
        }
        anggota {
          nik
          nama
          tanggalLahir
        }
      }
      izinUsaha {
        ...Terbit
        namaUsaha
        kbli
        status
        pemilik {
          nik
        }
      }
    }
    cari(kata: "warung") {
      __typename
      ... on Penduduk {
        nik
        nama
      }
      ... on IzinUsaha {
        nomor
        namaUsaha
      }
    }
    dokumen(nomor: "503/0042") {
      ...Terbit
      ... on AktaKelahiran {
        anak {
          nama
        }
      }
    }
  }

  fragment Terbit on Dokumen {
    nomor
    diterbitkan
    penerbit {
      kode
      nama
    }
  }
`;
const document = parse(query);
const request: OperationRequest = {
  // As Apollo Server's queryHash: SHA-256 of the query text.
  documentKey: createHash('sha256').update(query).digest('hex'),
  document,
  operationName: 'ProfilLengkap',
  variables: { nik: '3501010101010001', rinci: true },
};
const { coordinates } = collectFieldCoordinates(schema, document, 'ProfilLengkap', request.variables);

// Ten grants covering part of the operation, and the same ten among 990 grants on other fields.
const tenCoordinates = coordinates.filter((coordinate) => !coordinate.startsWith('Alamat.')).slice(0, 10);
const thousandCoordinates = [
  ...tenCoordinates,
  ...Array.from({ length: 990 }, (_, index) => `Lain${index % 99}.field${index}`),
];
const grantSet = (version: string, list: string[]): GrantSet => ({ version, coordinates: new Set(list) });
const ten = grantSet('ten', tenCoordinates);
const thousand = grantSet('thousand', thousandCoordinates);
const tenRules = buildShieldRules(tenCoordinates.map((coordinate) => ({ coordinate })));
const thousandRules = buildShieldRules(thousandCoordinates.map((coordinate) => ({ coordinate })));

const authorizer = new FieldAuthorizer();
// A requester with everything but birth dates, addresses and family-card numbers.
const droppedForDropMode = ['Penduduk.tanggalLahir', 'Penduduk.alamat', 'KartuKeluarga.nomor'];

/**
 * Runs `run` in rounds of `roundMs` and reports the best and the median round: the machine is
 * shared (other processes, garbage collection), and the best round is the least disturbed one.
 */
async function measure(name: string, run: () => unknown, rounds = 7, roundMs = 250): Promise<void> {
  // Only asynchronous work is awaited, so synchronous work is not charged for a microtask.
  const isAsync = run() instanceof Promise;
  const batch = async (size: number): Promise<void> => {
    if (isAsync) for (let i = 0; i < size; i += 1) await run();
    else for (let i = 0; i < size; i += 1) run();
  };
  await batch(1_000); // warm-up
  const perSecond: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    let operations = 0;
    const started = performance.now();
    let elapsed = 0;
    while (elapsed < roundMs) {
      await batch(200);
      operations += 200;
      elapsed = performance.now() - started;
    }
    perSecond.push((operations / elapsed) * 1_000);
  }
  perSecond.sort((a, b) => b - a);
  const best = perSecond[0] ?? 0;
  const median = perSecond[Math.floor(perSecond.length / 2)] ?? 0;
  const format = (value: number) => Math.round(value).toLocaleString('en-US').padStart(11);
  console.log(
    `${name.padEnd(56)} best ${format(best)} ops/s (${(1e6 / best).toFixed(2).padStart(7)} µs/op)  median ${format(median)} ops/s`,
  );
}

console.log(
  `Node ${process.version}; operation: ${coordinates.length} coordinates, ` +
    `${coordinates.length - tenCoordinates.length} denied by the ten grants`,
);
await measure('coordinate walk, uncached (collectFieldCoordinates)', () =>
  collectFieldCoordinates(schema, document, 'ProfilLengkap', request.variables),
);
await measure('coordinate walk, cached (FieldAuthorizer.coordinates)', () =>
  authorizer.coordinates(schema, request),
);
await measure('rules, 10 grants, uncached (authorizeCoordinates)', () =>
  authorizeCoordinates(tenRules, coordinates),
);
await measure('rules, 1,000 grants, uncached (authorizeCoordinates)', () =>
  authorizeCoordinates(thousandRules, coordinates),
);
await measure('authorize, 10 grants, cached (FieldAuthorizer)', () =>
  authorizer.authorize(schema, request, ten),
);
await measure('authorize, 1,000 grants, cached (FieldAuthorizer)', () =>
  authorizer.authorize(schema, request, thousand),
);
await measure('drop denied fields, uncached (removeDeniedFields)', () =>
  removeDeniedFields(schema, document, 'ProfilLengkap', droppedForDropMode),
);
