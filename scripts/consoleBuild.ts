/**
 * Builds the console (console/ → console/dist) when its sources changed since the last build, so
 * that `npm start` and the browser tests always serve the current pages without a separate step.
 * The build's stamp is a hash of every source file and the lock file; concurrent callers (test files
 * running in parallel) wait for one build under a lock directory instead of building twice.
 * `npm run console:build` forces a build.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type * as Vite from 'vite';
import { fileURLToPath } from 'node:url';

// Vite is a devDependency: an installation without them serves the existing build.
type ViteModule = typeof Vite;

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CONSOLE_DIR = path.join(ROOT, 'console');
const DIST_DIR = path.join(CONSOLE_DIR, 'dist');
// Beside dist/, not in it: dist/ is served as it is.
const STAMP_FILE = path.join(CONSOLE_DIR, '.build-hash');
const LOCK_DIR = path.join(CONSOLE_DIR, '.build-lock');
/** A lock older than this was left by a process that died while building. */
const STALE_LOCK_MS = 5 * 60_000;

async function sourceFiles(directory: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(directory, { withFileTypes: true })) {
    if (['dist', '.build-lock', '.build-hash', 'node_modules'].includes(entry.name)) continue;
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else files.push(full);
  }
  return files.sort();
}

export async function consoleSourceHash(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...(await sourceFiles(CONSOLE_DIR)), path.join(ROOT, 'package-lock.json')]) {
    hash.update(path.relative(ROOT, file)).update('\0').update(await readFile(file)).update('\0');
  }
  return hash.digest('hex');
}

async function currentStamp(): Promise<string | null> {
  if (!existsSync(path.join(DIST_DIR, 'index.html'))) return null;
  try {
    return (await readFile(STAMP_FILE, 'utf8')).trim();
  } catch {
    return null;
  }
}

async function acquireLock(): Promise<() => Promise<void>> {
  for (;;) {
    try {
      await mkdir(LOCK_DIR);
      return () => rm(LOCK_DIR, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(LOCK_DIR).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await rm(LOCK_DIR, { recursive: true, force: true });
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}

export interface ConsoleBuildResult {
  built: boolean;
  /** Why no build was possible (Vite not installed) while the sources differ from the build. */
  warning?: string;
}

export async function ensureConsoleBuilt(options: { force?: boolean } = {}): Promise<ConsoleBuildResult> {
  const wanted = await consoleSourceHash();
  if (!options.force && (await currentStamp()) === wanted) return { built: false };
  const release = await acquireLock();
  try {
    // Another process may have built it while this one waited.
    if (!options.force && (await currentStamp()) === wanted) return { built: false };
    let vite: ViteModule;
    try {
      vite = await import('vite');
    } catch {
      return {
        built: false,
        warning:
          'Vite tidak terpasang (instalasi tanpa devDependencies): konsol dilayani dari build yang ada / ' +
          'Vite is not installed: the console is served from the existing build, if any.',
      };
    }
    await vite.build({ configFile: path.join(CONSOLE_DIR, 'vite.config.ts'), logLevel: 'warn' });
    await writeFile(STAMP_FILE, `${wanted}\n`);
    return { built: true };
  } finally {
    await release();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  ensureConsoleBuilt({ force: process.argv.includes('--force') })
    .then((result) => {
      if (result.warning) process.stderr.write(`${result.warning}\n`);
      process.stdout.write(result.built ? 'console built: console/dist\n' : 'console up to date: console/dist\n');
    })
    .catch((error: unknown) => {
      process.stderr.write(`console build failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
}
