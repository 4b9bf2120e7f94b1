/**
 * The `penghubung` CLI two ways: in this process (`runCli` with captured output, for tests that call
 * it often) and as a child process exactly as people run it (`node bin/penghubung.mjs …`).
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runCli } from '../../registry/cli/main.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export const penghubungBin = fileURLToPath(new URL('../../bin/penghubung.mjs', import.meta.url));

export async function runPenghubungInProcess(args: string[], env: Record<string, string>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['node', 'penghubung', ...args], {
    stdout: (text) => (stdout += text.endsWith('\n') ? text : `${text}\n`),
    stderr: (text) => (stderr += text.endsWith('\n') ? text : `${text}\n`),
    env,
  });
  return { code, stdout, stderr };
}

/** A child process with only PATH and the given variables in its environment. */
export function runPenghubung(args: string[], env: Record<string, string>, timeoutMs = 180_000): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [penghubungBin, ...args],
      { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: timeoutMs },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
