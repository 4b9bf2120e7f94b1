/**
 * The layering of Penghubung's top-level folders, checked in CI (`npm run check:deps`):
 *
 *   drizzle/  the database schema and connection: imports nothing of ours
 *   lib/      shared by every part (the control-plane feed, the access-log package, the ledger,
 *             configuration, errors): imports drizzle/ only
 *   gateway/  the data plane: lib/ and drizzle/, never registry/
 *   registry/ the control plane: lib/ and drizzle/, never gateway/
 *   subgraphs/ the agencies' services: lib/ only
 *   console/  the web console, a browser app: talks to the registry over HTTP only, imports none of ours
 *   scripts/, bench/, tests/ may use everything; nothing imports them.
 *
 * Every allowed edge points down this list, so no cycle between top-level folders can form; module
 * cycles are refused as well.
 */
const APP = '^(gateway|registry|subgraphs)/';
const TOOLS = '^(scripts|bench|tests)/';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A module cycle at run time: split the shared part out. (A cycle closed only by a type import is allowed.)',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'gateway-not-registry',
      severity: 'error',
      comment: 'The gateway reads the control plane through lib/feed and writes through lib/accessLog only.',
      from: { path: '^gateway/' },
      to: { path: '^registry/' },
    },
    {
      name: 'registry-not-gateway',
      severity: 'error',
      comment: 'The registry does not import the data plane; what both need lives in lib/.',
      from: { path: '^registry/' },
      to: { path: '^gateway/' },
    },
    {
      name: 'subgraphs-apart',
      severity: 'error',
      comment: 'An agency subgraph is its own service: it shares lib/ with the bus, nothing else.',
      from: { path: '^subgraphs/' },
      to: { path: '^(gateway|registry|drizzle)/' },
    },
    {
      name: 'console-apart',
      severity: 'error',
      comment: 'The console runs in the browser and speaks to the registry over HTTP; it imports none of the server code.',
      from: { path: '^console/' },
      to: { path: '^(gateway|registry|subgraphs|lib|drizzle|scripts|bench|tests)/' },
    },
    {
      name: 'lib-is-shared',
      severity: 'error',
      comment: 'lib/ is shared by the parts, so it imports none of them.',
      from: { path: '^lib/' },
      to: { path: `${APP}|${TOOLS}` },
    },
    {
      name: 'drizzle-is-the-base',
      severity: 'error',
      comment:
        'The schema imports nothing of ours. One exception, types only: the stored shape of grant ' +
        'conditions (a jsonb column) is the type lib/grantConditions validates.',
      from: { path: '^drizzle/' },
      to: {
        path: `^lib/|${APP}|${TOOLS}`,
        pathNot: '^lib/grantConditions/conditions\\.ts$',
      },
    },
    {
      name: 'drizzle-types-only',
      severity: 'error',
      comment: 'The schema may read the grant conditions’ types, never their code.',
      from: { path: '^drizzle/' },
      to: { path: '^lib/grantConditions/conditions\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'tools-not-imported',
      severity: 'error',
      comment: 'Production code never imports scripts, benches or tests.',
      from: { path: '^(lib|drizzle|gateway|registry|subgraphs)/' },
      to: { path: TOOLS },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.ci)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] },
  },
};
