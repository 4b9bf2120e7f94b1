/**
 * A federation fixture: a few real subgraphs (SDL files beside it, resolvers over in-memory data)
 * spread over the fixture agencies, the queries to compare with a stock @apollo/gateway, and the
 * coordinates a partial grant withholds.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SubgraphResolvers } from '../../subgraphs/shared/subgraphServer.ts';

/** The agencies every fixture publishes under (one installation, several graphs). */
export const FIXTURE_AGENCIES = ['fxa', 'fxb', 'fxc'] as const;
export type FixtureAgency = (typeof FIXTURE_AGENCIES)[number];

export interface FixtureSubgraph {
  /** Subgraph name, unique in the installation. */
  name: string;
  agency: FixtureAgency;
  sdl: string;
  resolvers: SubgraphResolvers;
}

export interface FixtureQuery {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  /** Under the partial grant, the operation reads a withheld coordinate: reject mode refuses it whole. */
  deniedWhenPartial: boolean;
}

export interface FederationFixture {
  /** Theme and graph name. */
  name: string;
  /** In publishing order: each must compose with those before it. */
  subgraphs: FixtureSubgraph[];
  queries: FixtureQuery[];
  /** Coordinates no owner grants to the partial client. */
  withheld: string[];
}

export function sdlOf(directory: string, file: string): string {
  return fs.readFileSync(path.join(directory, file), 'utf8');
}
