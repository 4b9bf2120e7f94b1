/**
 * The service directory as one tree: themes → graphs → subgraphs → types → fields. Each field carries
 * its description, classification, personal-data flag, the agency that owns it, and the clients that
 * hold an active grant on it in that graph. A subgraph appears under every graph of its theme (the
 * theme's own graph and the all-themes graph), because grants are given per graph.
 */
import { LRUCache } from 'lru-cache';
import type { Graph, Theme } from '../../drizzle/schema/index.ts';
import { extractTypeMetadata } from '../checks/index.ts';
import { graphIncludesTheme } from '../graphs/membership.ts';
import type { TypeMetadata } from '../checks/index.ts';
import type { DirectoryField, DirectorySubgraph } from '../repositories/DirectoryRepository.ts';
import type { ActiveGrant } from '../repositories/UsageRepository.ts';

export interface DirectoryGrantHolder {
  clientId: string;
  client: string;
  organization: string;
  endsAt: string;
}

export interface DirectoryFieldView {
  name: string;
  coordinate: string;
  returnType: string;
  description: string;
  classification: DirectoryField['classification'];
  personalData: boolean;
  agency: string;
  grantedTo: DirectoryGrantHolder[];
}

export interface DirectoryTypeView {
  name: string;
  description: string;
  keys: string[];
  fields: DirectoryFieldView[];
}

export interface DirectorySubgraphView {
  name: string;
  description: string;
  contact: string;
  agency: { slug: string; name: string };
  version: number;
  publishedAt: string;
  types: DirectoryTypeView[];
}

export interface DirectoryGraphView {
  name: string;
  description: string;
  themes: string[];
  subgraphs: DirectorySubgraphView[];
}

export interface DirectoryThemeView {
  slug: string;
  name: string;
  description: string;
  graphs: DirectoryGraphView[];
}

/** Type metadata per schema version id: a version never changes, so parsing it once is enough. */
const typeCache = new LRUCache<string, Map<string, TypeMetadata>>({ max: 500 });

function typesOf(subgraph: DirectorySubgraph): Map<string, TypeMetadata> {
  let types = typeCache.get(subgraph.versionId);
  if (!types) {
    types = new Map(extractTypeMetadata(subgraph.sdl).map((type) => [type.typeName, type]));
    typeCache.set(subgraph.versionId, types);
  }
  return types;
}

export function buildDirectory(input: {
  themes: Theme[];
  graphs: Graph[];
  subgraphs: DirectorySubgraph[];
  fields: DirectoryField[];
  grants: ActiveGrant[];
}): DirectoryThemeView[] {
  const fieldsBySubgraph = new Map<string, DirectoryField[]>();
  for (const field of input.fields) {
    const list = fieldsBySubgraph.get(field.subgraphId) ?? [];
    list.push(field);
    fieldsBySubgraph.set(field.subgraphId, list);
  }
  const grantsByKey = new Map<string, DirectoryGrantHolder[]>();
  for (const grant of input.grants) {
    const key = `${grant.graph}\u0000${grant.coordinate}`;
    const list = grantsByKey.get(key) ?? [];
    if (!list.some((holder) => holder.clientId === grant.clientId)) {
      list.push({
        clientId: grant.clientId,
        client: grant.client,
        organization: grant.organization,
        endsAt: grant.endsAt.toISOString(),
      });
    }
    grantsByKey.set(key, list);
  }

  const subgraphView = (graph: Graph, subgraph: DirectorySubgraph): DirectorySubgraphView => {
    const typeMetadata = typesOf(subgraph);
    const byType = new Map<string, DirectoryFieldView[]>();
    for (const field of fieldsBySubgraph.get(subgraph.id) ?? []) {
      const list = byType.get(field.typeName) ?? [];
      list.push({
        name: field.fieldName,
        coordinate: field.coordinate,
        returnType: field.returnType,
        description: field.description,
        classification: field.classification,
        personalData: field.personalData,
        agency: subgraph.agencySlug,
        grantedTo: grantsByKey.get(`${graph.name}\u0000${field.coordinate}`) ?? [],
      });
      byType.set(field.typeName, list);
    }
    return {
      name: subgraph.name,
      description: subgraph.description,
      contact: subgraph.contact,
      agency: { slug: subgraph.agencySlug, name: subgraph.agencyName },
      version: subgraph.version,
      publishedAt: subgraph.publishedAt.toISOString(),
      types: [...byType].map(([name, fields]) => ({
        name,
        description: typeMetadata.get(name)?.description ?? '',
        keys: typeMetadata.get(name)?.keys ?? [],
        fields,
      })),
    };
  };

  return input.themes.map((theme) => {
    const inTheme = input.subgraphs.filter((subgraph) => subgraph.themeSlug === theme.slug);
    const graphs = input.graphs.filter((graph) => graphIncludesTheme(graph, theme.slug));
    return {
      slug: theme.slug,
      name: theme.name,
      description: theme.description,
      graphs: graphs.map((graph) => ({
        name: graph.name,
        description: graph.description,
        themes: graph.themeSlugs,
        subgraphs: inTheme.map((subgraph) => subgraphView(graph, subgraph)),
      })),
    };
  });
}
