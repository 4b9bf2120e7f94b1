/**
 * PENGHUBUNG_SUPERGRAPH_MIN_SWAP_MS (lib/config.ts): the least time between two supergraph swaps of
 * one graph (gateway/graphRuntime.ts). Unset it is MIN_SWAP_INTERVAL_MS; a value that is not a whole
 * number of milliseconds between 0 and 10 minutes stops the start with a line naming the variable.
 */
import { describe, expect, it } from 'vitest';
import { MIN_SWAP_INTERVAL_MS } from '../../gateway/graphRuntime.ts';
import { ConfigError, loadConfig } from '../../lib/config.ts';

describe('supergraph swap spacing setting', () => {
  it('defaults to the gateway’s interval and carries a set value, 0 included (no spacing)', () => {
    expect(loadConfig({}).supergraphMinSwapMs).toBe(MIN_SWAP_INTERVAL_MS);
    expect(loadConfig({ PENGHUBUNG_SUPERGRAPH_MIN_SWAP_MS: '5000' }).supergraphMinSwapMs).toBe(5000);
    expect(loadConfig({ PENGHUBUNG_SUPERGRAPH_MIN_SWAP_MS: '0' }).supergraphMinSwapMs).toBe(0);
  });

  it.each(['-1', '1.5', 'dua detik', '600001'])('refuses %j, naming the variable', (value) => {
    expect(() => loadConfig({ PENGHUBUNG_SUPERGRAPH_MIN_SWAP_MS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ PENGHUBUNG_SUPERGRAPH_MIN_SWAP_MS: value })).toThrow(/PENGHUBUNG_SUPERGRAPH_MIN_SWAP_MS/);
  });
});
