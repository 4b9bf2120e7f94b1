/**
 * The demo agencies of Penghubung: four Perangkat Daerah of one kabupaten, each a real REST backend
 * with its own data and a federation subgraph wrapping it. `startDemoAgencies` starts them all on
 * free ports (the demo and the integration tests use it).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadOrCreateSecretFile } from '../lib/secretFile.ts';
import type { GatewayTokenVerifier } from '../lib/gatewayToken.ts';
import { BKPSDM_AGENCY, buildBkpsdmRestBackend } from './bkpsdm/rest.ts';
import { BKPSDM_SCHEMA_PATH, BKPSDM_SUBGRAPH, buildBkpsdmSubgraph } from './bkpsdm/subgraph.ts';
import { DINKES_AGENCY, buildDinkesRestBackend } from './dinkes/rest.ts';
import { DINKES_SCHEMA_PATH, DINKES_SUBGRAPH, buildDinkesSubgraph } from './dinkes/subgraph.ts';
import { DISDUKCAPIL_AGENCY, buildDisdukcapilRestBackend } from './disdukcapil/rest.ts';
import {
  DISDUKCAPIL_SCHEMA_PATH,
  DISDUKCAPIL_SUBGRAPH,
  buildDisdukcapilSubgraph,
} from './disdukcapil/subgraph.ts';
import { DPMPTSP_AGENCY, buildDpmptspRestBackend } from './dpmptsp/rest.ts';
import { DPMPTSP_SCHEMA_PATH, DPMPTSP_SUBGRAPH, buildDpmptspSubgraph } from './dpmptsp/subgraph.ts';
import type { AgencySubgraphOptions, RestBackend, SubgraphServer } from './shared/index.ts';

export type DemoAgencySlug = 'disdukcapil' | 'bkpsdm' | 'dpmptsp' | 'dinkes';
export type DemoTheme = 'kependudukan' | 'kepegawaian' | 'perizinan' | 'kesehatan';

export interface DemoAgency {
  slug: DemoAgencySlug;
  /** Full name of the Perangkat Daerah. */
  name: string;
  /** Short name used in messages (e.g. `Disdukcapil`). */
  shortName: string;
  theme: DemoTheme;
  subgraphName: string;
  /** Absolute path of the subgraph SDL (`schema.graphql`). */
  schemaPath: string;
  buildRest(options?: { credential?: string }): RestBackend;
  buildSubgraph(options: AgencySubgraphOptions): SubgraphServer;
}

export const demoAgencies: readonly DemoAgency[] = [
  {
    slug: 'disdukcapil',
    name: 'Dinas Kependudukan dan Pencatatan Sipil',
    shortName: DISDUKCAPIL_AGENCY,
    theme: 'kependudukan',
    subgraphName: DISDUKCAPIL_SUBGRAPH,
    schemaPath: DISDUKCAPIL_SCHEMA_PATH,
    buildRest: (options) => buildDisdukcapilRestBackend(options),
    buildSubgraph: buildDisdukcapilSubgraph,
  },
  {
    slug: 'bkpsdm',
    name: 'Badan Kepegawaian dan Pengembangan Sumber Daya Manusia',
    shortName: BKPSDM_AGENCY,
    theme: 'kepegawaian',
    subgraphName: BKPSDM_SUBGRAPH,
    schemaPath: BKPSDM_SCHEMA_PATH,
    buildRest: (options) => buildBkpsdmRestBackend(options),
    buildSubgraph: buildBkpsdmSubgraph,
  },
  {
    slug: 'dpmptsp',
    name: 'Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu',
    shortName: DPMPTSP_AGENCY,
    theme: 'perizinan',
    subgraphName: DPMPTSP_SUBGRAPH,
    schemaPath: DPMPTSP_SCHEMA_PATH,
    buildRest: (options) => buildDpmptspRestBackend(options),
    buildSubgraph: buildDpmptspSubgraph,
  },
  {
    slug: 'dinkes',
    name: 'Dinas Kesehatan',
    shortName: DINKES_AGENCY,
    theme: 'kesehatan',
    subgraphName: DINKES_SUBGRAPH,
    schemaPath: DINKES_SCHEMA_PATH,
    buildRest: (options) => buildDinkesRestBackend(options),
    buildSubgraph: buildDinkesSubgraph,
  },
];

/** The SDL of a demo agency's subgraph, as the registry composes it. */
export function readDemoSchema(agency: DemoAgency): string {
  return readFileSync(agency.schemaPath, 'utf8');
}

/** The demo subgraphs as `{ name, typeDefs }` for `composeServices` / a registry seed. */
export function demoSubgraphSdls(): { name: string; sdl: string }[] {
  return demoAgencies.map((agency) => ({ name: agency.subgraphName, sdl: readDemoSchema(agency) }));
}

export interface StartDemoAgenciesOptions {
  /** 127.0.0.1 unless told. */
  host?: string;
  /** When given, the subgraphs refuse calls without a valid gateway token. */
  gatewayTokenVerifier?: GatewayTokenVerifier;
  /**
   * Folder of the REST credentials (`rest-<agency>.secret`, mode 0600, created on first start): each
   * backend answers only the subgraph holding its secret. Unless given, a random secret per start.
   */
  secretDir?: string;
  /** Only these agencies (all four unless told). */
  only?: readonly DemoAgencySlug[];
  /**
   * Fixed ports from here: agency i serves REST on `basePort + 2i` and its subgraph on
   * `basePort + 2i + 1`, so routing URLs stay the same across restarts. 0 (default): any free ports.
   */
  basePort?: number;
}

export interface StartedDemoAgency {
  agency: DemoAgency;
  rest: RestBackend;
  subgraph: SubgraphServer;
  /** Base URL of the REST backend. */
  restUrl: string;
  /** GraphQL endpoint of the subgraph (`…/graphql`). */
  subgraphUrl: string;
}

export interface StartedDemoAgencies {
  agencies: StartedDemoAgency[];
  bySlug: Partial<Record<DemoAgencySlug, StartedDemoAgency>>;
  /** `{ name, url }` of every started subgraph, for a gateway's service list. */
  subgraphs: { name: string; url: string }[];
  close(): Promise<void>;
}

/** Starts every REST backend and subgraph on port 0 (any free port). Closes what started on failure. */
export async function startDemoAgencies(
  options: StartDemoAgenciesOptions = {},
): Promise<StartedDemoAgencies> {
  const host = options.host ?? '127.0.0.1';
  const chosen = demoAgencies.filter((agency) => !options.only || options.only.includes(agency.slug));
  const started: StartedDemoAgency[] = [];
  const openSubgraphs: SubgraphServer[] = [];
  const openBackends: RestBackend[] = [];
  const close = async (): Promise<void> => {
    // Subgraphs first (they hold keep-alive connections to the backends), then the backends.
    const results = [
      ...(await Promise.allSettled(openSubgraphs.splice(0).map((subgraph) => subgraph.close()))),
      ...(await Promise.allSettled(openBackends.splice(0).map((rest) => rest.close()))),
    ];
    const failed = results.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
  };

  try {
    const credentials = await Promise.all(
      chosen.map((agency) =>
        options.secretDir ? loadOrCreateSecretFile(options.secretDir, `rest-${agency.slug}.secret`) : randomBytes(32).toString('hex'),
      ),
    );
    const backends = chosen.map((agency, index) => agency.buildRest({ credential: credentials[index] as string }));
    openBackends.push(...backends);
    const portOf = (index: number, offset: number) => (options.basePort ? options.basePort + 2 * index + offset : 0);
    const restUrls = await Promise.all(backends.map((rest, index) => rest.listen({ host, port: portOf(index, 0) })));
    const subgraphs = chosen.map((agency, index) =>
      agency.buildSubgraph({
        restBaseUrl: restUrls[index] as string,
        restCredential: credentials[index] as string,
        gatewayTokenVerifier: options.gatewayTokenVerifier,
      }),
    );
    openSubgraphs.push(...subgraphs);
    const subgraphUrls = await Promise.all(subgraphs.map((subgraph, index) => subgraph.listen({ host, port: portOf(index, 1) })));
    chosen.forEach((agency, index) => {
      started.push({
        agency,
        rest: backends[index] as RestBackend,
        subgraph: subgraphs[index] as SubgraphServer,
        restUrl: restUrls[index] as string,
        subgraphUrl: subgraphUrls[index] as string,
      });
    });
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }

  return {
    agencies: started,
    bySlug: Object.fromEntries(started.map((entry) => [entry.agency.slug, entry])),
    subgraphs: started.map((entry) => ({ name: entry.agency.subgraphName, url: entry.subgraphUrl })),
    close,
  };
}

export type { AgencySubgraphOptions, RestBackend, SubgraphServer } from './shared/index.ts';
