/**
 * The README's console examples, run as written against a started demo, so they cannot rot. A block
 * marked `<!-- readme-test: running -->` runs while `npm start` serves; `<!-- readme-test: stopped -->`
 * after it stopped (the embedded database serves one process). Each block runs in one bash session
 * in the repository folder, with the configuration a user would have exported (data folder and
 * ports), so `export` carries over between its commands. Every output line the README shows must
 * appear in that order in what the command printed; `…` stands for anything, and numbers, hashes and
 * times may differ (a line that is only a number, such as an exit code or an HTTP status, must match
 * exactly).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface Step {
  command: string;
  expected: string[];
}

interface Block {
  when: 'running' | 'stopped';
  line: number;
  steps: Step[];
}

export function readmeBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const marker = /<!-- readme-test: (running|stopped) -->/.exec(lines[index]!);
    if (!marker) continue;
    const fence = lines.findIndex((line, at) => at > index && /^\s*```console\s*$/.test(line));
    const indent = /^(\s*)/.exec(lines[fence]!)![1]!.length;
    const steps: Step[] = [];
    let at = fence + 1;
    for (; !/^\s*```\s*$/.test(lines[at]!); at += 1) {
      const line = lines[at]!.slice(indent);
      if (line.startsWith('$ ')) {
        let command = line.slice(2);
        while (command.endsWith('\\')) command = `${command}\n${lines[++at]!.slice(indent)}`;
        steps.push({ command, expected: [] });
      } else if (line.trim() !== '') {
        steps.at(-1)!.expected.push(line);
      }
    }
    blocks.push({ when: marker[1] as Block['when'], line: index + 1, steps });
    index = at;
  }
  return blocks;
}

/** A README output line as a pattern: `…` is anything; numbers, hashes and times may differ. */
function patternOf(expected: string): RegExp {
  const trimmed = expected.trim();
  if (/^\d+$/.test(trimmed)) return new RegExp(`^${trimmed}$`);
  const escaped = trimmed
    .split('…')
    .map((part) =>
      part
        .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        .replace(/\b[0-9a-f]{8,}\b/g, '[0-9a-f]+')
        .replace(/\d+/g, '\\d+')
        .replace(/\s+/g, '\\s+'),
    )
    .join('.*');
  return new RegExp(`^${escaped}$`);
}

function runBlock(block: Block, env: Record<string, string>): Promise<string[]> {
  const script = ['exec 2>&1', '__rc=0'];
  block.steps.forEach((step, index) => {
    script.push(`printf '\\n@@STEP ${index}@@\\n'; (exit $__rc)`, step.command, '__rc=$?');
  });
  return new Promise((resolve) => {
    execFile('bash', ['-c', script.join('\n')], { cwd: root, env: { PATH: process.env['PATH'] ?? '', HOME: os.homedir(), ...env }, timeout: 600_000, maxBuffer: 16 * 1024 * 1024 }, (_error, stdout) => {
      resolve(stdout.split(/\n@@STEP \d+@@\n/).slice(1));
    });
  });
}

function expectPrinted(step: Step, printed: string, where: string): void {
  const lines = printed.split('\n').map((line) => line.trim());
  let from = 0;
  for (const expected of step.expected) {
    const pattern = patternOf(expected);
    const found = lines.findIndex((line, index) => index >= from && pattern.test(line));
    expect(found, `${where}: \`${step.command}\` should print a line like\n  ${expected}\nbut printed:\n${printed}`).toBeGreaterThanOrEqual(0);
    from = found + 1;
  }
}

async function freePorts(count: number): Promise<number> {
  for (;;) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const servers: net.Server[] = [];
    try {
      for (let offset = 0; offset < count; offset += 1) {
        const server = net.createServer();
        await new Promise<void>((resolve, reject) => {
          server.once('error', reject);
          server.listen(base + offset, '127.0.0.1', resolve);
        });
        servers.push(server);
      }
      return base;
    } catch {
      // taken: try another range
    } finally {
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  }
}

describe('the README, run as written', () => {
  const readme = fileURLToPath(new URL('../../README.md', import.meta.url));
  let blocks: Block[] = [];
  let env: Record<string, string> = {};
  let demo: ChildProcess | null = null;
  let output = '';

  beforeAll(async () => {
    blocks = readmeBlocks(await fs.readFile(readme, 'utf8'));
    const base = await freePorts(10);
    env = {
      PENGHUBUNG_DATA_DIR: await fs.mkdtemp(path.join(os.tmpdir(), 'penghubung-readme-')),
      PENGHUBUNG_GATEWAY_PORT: String(base),
      PENGHUBUNG_REGISTRY_PORT: String(base + 1),
      PENGHUBUNG_DEMO_BASE_PORT: String(base + 2),
    };
    demo = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    demo.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 240_000;
    while (!/-d '.*'\n/.test(output)) {
      if (demo.exitCode !== null || Date.now() > deadline) throw new Error(`npm start did not start:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });

  afterAll(async () => {
    if (demo && demo.exitCode === null) demo.kill('SIGKILL');
    for (const file of ['laporan.pdf', 'laporan-november.pdf']) await fs.rm(path.join(root, file), { force: true });
    if (env['PENGHUBUNG_DATA_DIR']) await fs.rm(env['PENGHUBUNG_DATA_DIR'], { recursive: true, force: true });
  });

  it('has examples to run, before and after stopping', () => {
    expect(blocks.filter((block) => block.when === 'running').length).toBeGreaterThanOrEqual(4);
    expect(blocks.filter((block) => block.when === 'stopped').length).toBeGreaterThanOrEqual(1);
  });

  it('runs every example that needs the demo running, and each prints what the README shows', async () => {
    for (const block of blocks.filter((candidate) => candidate.when === 'running')) {
      const printed = await runBlock(block, env);
      block.steps.forEach((step, index) => expectPrinted(step, printed[index] ?? '', `README.md:${block.line}`));
    }
  });

  it('runs the examples for a stopped system', async () => {
    demo!.kill('SIGTERM');
    const deadline = Date.now() + 120_000;
    while (demo!.exitCode === null && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(demo!.exitCode).toBe(0);
    for (const block of blocks.filter((candidate) => candidate.when === 'stopped')) {
      const printed = await runBlock(block, env);
      block.steps.forEach((step, index) => expectPrinted(step, printed[index] ?? '', `README.md:${block.line}`));
    }
  });
});
