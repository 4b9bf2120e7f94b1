/**
 * Node.js flags a gateway process is started with (`npm run start:gateway`, `npm run serve`,
 * `npm start`, and the benches' Penghubung gateways, so that they measure what runs in production).
 *
 * `--max-semi-space-size=64` (MiB; V8's default is 16 on 64-bit): every request allocates its parsed
 * subgraph answers, the merged result, the serialized body and the access-log record, almost all of
 * which die young. A larger young generation scavenges less often for the same garbage, and a
 * scavenge costs what survives, not what was allocated. Measured with bench/sideBySide.bench.ts
 * (`--profile`, the join and the 100-permit list at concurrency 64): garbage collection took 9.6 % of
 * the governed gateway's CPU with 16 MiB, 7.4 % with 32 and 5.2 % with 64. The cost is memory: up to
 * 2 × 64 MiB of young generation per process.
 */
export const GATEWAY_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
