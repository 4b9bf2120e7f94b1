import { describe, expect, it } from 'vitest';
import { generateSyntheticSubgraphs } from '../../../bench/fixtures/syntheticSubgraphs.ts';
import { composeGraph, validateSubgraphSdl } from '../../../registry/checks/index.ts';

describe('generateSyntheticSubgraphs (benchmark fixture)', () => {
  it('gives n valid subgraphs that compose into one graph through shared entity keys', () => {
    const subgraphs = generateSyntheticSubgraphs(12);
    expect(new Set(subgraphs.map((subgraph) => subgraph.name)).size).toBe(12);
    for (const subgraph of subgraphs)
      expect(validateSubgraphSdl(subgraph.sdl, { maxBytes: 64 * 1024 }).ok).toBe(true);
    const result = composeGraph(subgraphs);
    expect(result.ok && result.apiSchemaSdl).toContain('layanan7: [Layanan7!]!');
  });

  it('is deterministic', () => {
    expect(generateSyntheticSubgraphs(3)).toEqual(generateSyntheticSubgraphs(3));
  });
});
