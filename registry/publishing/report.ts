/**
 * The check report of a publish (or of a dry-run check): what is returned to the publisher, stored
 * with an accepted version, and attached (as `details.report`) to a refusal.
 */
import { z } from 'zod';
import type { Message } from '../../lib/errors.ts';
import type {
  CompositionHintInfo,
  FederationIssue,
  ProtectedFieldViolation,
  SchemaChange,
} from '../checks/index.ts';

export interface GraphComposition {
  graph: string;
  ok: boolean;
  errors: FederationIssue[];
  hints: CompositionHintInfo[];
  /** True for a graph the subgraph leaves (it moved to another theme): composed without it. */
  leaving: boolean;
}

export interface PublishReport {
  passed: boolean;
  subgraph: string;
  summary: Message;
  composition: GraphComposition[];
  breaking: boolean;
  changes: SchemaChange[];
  protectedViolations: ProtectedFieldViolation[];
  /** The changes as Indonesian text, grouped breaking / dangerous / safe. */
  diff: string;
  /** Unified line diff of the canonical SDLs. */
  sdlDiff: string;
  /** Set when an administrator accepted breaking changes anyway. */
  override: { reason: string; actor: string } | null;
  /**
   * Fields of other agencies this version newly reaches: a cross-agency change, not a safe one. It
   * is held until each owning agency (or an administrator, with a reason) accepts it.
   */
  crossAgency: CrossAgencyReachReport[];
  /** The routing URL: stored before, requested now, and whether the agency's allowed hosts cover it. */
  routing: RoutingReport;
}

export interface CrossAgencyReachReport {
  kind: 'override' | 'shared' | 'provides' | 'requires';
  coordinate: string;
  ownerAgency: string;
  ownerAgencyName: string;
  ownerSubgraph: string;
  message: Message;
}

export interface RoutingReport {
  previousUrl: string | null;
  url: string;
  changed: boolean;
  /** The agency's allowed hosts/prefixes, null when the administrator has not restricted them yet. */
  allowedPrefixes: string[] | null;
}

const message = z.object({ id: z.string(), en: z.string() });
const position = z.object({ line: z.number().int(), column: z.number().int() });
const issue = z.object({ message: z.string(), code: z.string(), locations: z.array(position).optional() });
const hint = z.object({ message: z.string(), code: z.string(), coordinate: z.string().optional() });

export const schemaChangeSchema = z
  .object({
    type: z.string().describe('Jenis perubahan graphql-inspector, mis. FIELD_REMOVED'),
    criticality: z.enum(['BREAKING', 'DANGEROUS', 'SAFE']),
    message: z.string(),
    messageId: z.string(),
    coordinate: z.string().nullable(),
    path: z.string().nullable(),
    reason: z.string().nullable(),
    affectedCoordinates: z.array(z.string()),
  })
  .meta({ id: 'SchemaChange' });

/** The report as documented in OpenAPI and checked when it is sent. */
export const publishReportSchema = z
  .object({
    passed: z.boolean(),
    subgraph: z.string(),
    summary: message,
    composition: z.array(
      z.object({
        graph: z.string(),
        ok: z.boolean(),
        errors: z.array(issue),
        hints: z.array(hint),
        leaving: z.boolean(),
      }),
    ),
    breaking: z.boolean(),
    changes: z.array(schemaChangeSchema),
    protectedViolations: z.array(
      z.object({
        coordinate: z.string(),
        change: z.object({
          type: z.string(),
          coordinate: z.string().nullable(),
          message: z.string(),
          messageId: z.string(),
        }),
        grants: z.array(z.object({ clientId: z.string(), clientName: z.string() })),
        traffic: z
          .object({ count: z.number().int(), clients: z.array(z.string()), sinceDays: z.number().int() })
          .nullable(),
        requesters: z.array(z.string()),
        message,
      }),
    ),
    diff: z.string(),
    sdlDiff: z.string(),
    override: z.object({ reason: z.string(), actor: z.string() }).nullable(),
    crossAgency: z.array(
      z.object({
        kind: z.enum(['override', 'shared', 'provides', 'requires']),
        coordinate: z.string(),
        ownerAgency: z.string(),
        ownerAgencyName: z.string(),
        ownerSubgraph: z.string(),
        message,
      }),
    ),
    routing: z.object({
      previousUrl: z.string().nullable(),
      url: z.string(),
      changed: z.boolean(),
      allowedPrefixes: z.array(z.string()).nullable(),
    }),
  })
  .meta({ id: 'PublishReport' });
