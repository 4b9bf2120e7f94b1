/**
 * `--conditions`: the access conditions an administrator attaches on `access approve` or a publisher
 * on `access grant`, as JSON inline or `@file.json` (see the README, "Syarat akses"). Only read and
 * parsed here; the registry validates them and refuses what it cannot enforce.
 */
import { readFile } from 'node:fs/promises';
import { UsageError } from './action.ts';
import { say, type Lang } from './render.ts';

export const CONDITIONS_OPTION_HELP =
  'syarat akses: JSON atau @berkas.json, mis. \'{"all":{"hours":{"from":"07:00","until":"16:00"}}}\' / access conditions: JSON or @file.json';

export async function readConditionsOption(value: unknown, lang: Lang): Promise<unknown> {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  let text = value.trim();
  if (text.startsWith('@')) {
    const file = text.slice(1);
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(
        say(lang, `Berkas syarat ${file} tidak dapat dibaca: ${(error as Error).message}`, `Cannot read the conditions file ${file}: ${(error as Error).message}`),
      );
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(
      say(lang, `--conditions bukan JSON yang sah: ${(error as Error).message}`, `--conditions is not valid JSON: ${(error as Error).message}`),
    );
  }
}
