/**
 * CPU cost of one gateway token (gateway/subgraphToken.ts signs one per subgraph fetch): the project's
 * signer (a compact JWS signed with `node:crypto.sign`, Ed25519) against jose's `SignJWT` for the same
 * claims, key and header.
 *
 *   npx tsx bench/tokenSigning.bench.ts [--tokens 20000] [--rounds 3]
 *
 * Figures only: nothing here asserts a time.
 */
import { generateKeyPairSync } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { GATEWAY_TOKEN_ISSUER, GATEWAY_TOKEN_TTL_SECONDS, createGatewayTokenSigner } from '../lib/gatewayToken.ts';

const { values: args } = parseArgs({ options: { tokens: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
const tokens = Number(args.tokens);
const { privateKey } = generateKeyPairSync('ed25519');
// The Dinkes fetch of the cross-agency join (bench/authorizationGateway.bench.ts, query "resident").
const claims = {
  audience: 'dinkes',
  requester: 'bench-layanan-terpadu',
  graph: 'semua',
  requestId: '6f1c2b7e-3a4d-4e5f-8a9b-0c1d2e3f4a5b',
  fields: ['JaminanKesehatan.jenisPeserta', 'JaminanKesehatan.status', 'Penduduk.jaminanKesehatan', 'Query._entities'],
};
const signer = createGatewayTokenSigner(privateKey);

const variants: [string, () => Promise<void>][] = [
  ['node:crypto.sign', async () => {
    for (let i = 0; i < tokens; i++) signer.sign(claims);
  }],
  ['jose SignJWT', async () => {
    for (let i = 0; i < tokens; i++) {
      await new SignJWT({ graph: claims.graph, requestId: claims.requestId, fields: claims.fields })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'JWT', kid: signer.kid })
        .setIssuer(GATEWAY_TOKEN_ISSUER)
        .setSubject(claims.requester)
        .setAudience(claims.audience)
        .setIssuedAt()
        .setExpirationTime(`${GATEWAY_TOKEN_TTL_SECONDS}s`)
        .sign(privateKey);
    }
  }],
];

console.log(`Node ${process.version}; ${tokens} tokens per run`);
for (let round = 1; round <= Number(args.rounds); round++) {
  for (const [name, run] of variants) {
    const before = process.cpuUsage();
    await run();
    const used = process.cpuUsage(before);
    console.log(`round ${round}  ${name.padEnd(18)} ${((used.user + used.system) / tokens).toFixed(1)} µs CPU per token`);
  }
}
