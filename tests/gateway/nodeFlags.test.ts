/**
 * The gateway's Node.js flags (gateway/nodeFlags.ts) are the ones every way of starting a gateway
 * uses: the package scripts, the test helper's gateway processes and the benches read the constant;
 * the scripts cannot, so this keeps them from drifting apart. And a gateway process started with them
 * runs with that young generation.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATEWAY_NODE_FLAGS } from '../../gateway/nodeFlags.ts';

const scripts = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;

describe('gateway Node.js flags', () => {
  it.each(['start', 'serve', 'start:gateway'])('npm run %s starts node with every gateway flag', (name) => {
    const command = scripts[name]!.split(/\s+/);
    expect(command[0]).toBe('node');
    for (const flag of GATEWAY_NODE_FLAGS) expect(command).toContain(flag);
  });

  it('a process started with them has the larger young generation', () => {
    // V8 reports the young generation's capacity through the heap space statistics: new_space's
    // size grows up to the semi-space maximum, which the flag raises above the 16 MiB default.
    const program = `
      const v8 = require('node:v8');
      const keep = [];
      for (let i = 0; i < 2_000_000; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 200000) keep.length = 0; }
      const space = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
      process.stdout.write(String(space.space_size));`;
    const sizeWith = (flags: readonly string[]) => Number(execFileSync(process.execPath, [...flags, '-e', program], { encoding: 'utf8' }));
    expect(sizeWith(GATEWAY_NODE_FLAGS)).toBeGreaterThan(sizeWith([]));
  });
});
