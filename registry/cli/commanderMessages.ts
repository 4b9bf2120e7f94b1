/**
 * Commander's parser messages in Indonesian (English with --lang en keeps them as they are). Each
 * entry matches one message commander 14 writes; anything not listed passes through unchanged.
 */
import type { Lang } from './render.ts';

const TRANSLATIONS: [RegExp, (...groups: string[]) => string][] = [
  [/^error: required option '(.+)' not specified$/m, (option) => `galat: opsi wajib '${option}' belum diisi`],
  [/^error: missing required argument '(.+)'$/m, (argument) => `galat: argumen wajib '${argument}' belum diisi`],
  [/^error: unknown option '(.+)'(?:\n\(Did you mean (.+)\?\))?$/m, (option, hint) => `galat: opsi '${option}' tidak dikenal${hint ? ` (maksud Anda ${hint}?)` : ''}`],
  [/^error: unknown command '(.+)'(?:\n\(Did you mean (.+)\?\))?$/m, (command, hint) => `galat: perintah '${command}' tidak dikenal${hint ? ` (maksud Anda ${hint}?)` : ''}`],
  [/^error: option '(.+)' argument missing$/m, (option) => `galat: opsi '${option}' memerlukan nilai`],
  [/^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/m, (command, expected, got) => `galat: terlalu banyak argumen${command ? ` untuk '${command}'` : ''}: diharapkan ${expected}, diberikan ${got}`],
  [/^error: option '(.+)' argument '(.*)' is invalid\. Allowed choices are (.+)\.$/m, (option, value, choices) => `galat: nilai '${value}' untuk opsi '${option}' tidak sah; pilihan yang sah: ${choices}`],
  [/^error: option '(.+)' cannot be used with option '(.+)'$/m, (a, b) => `galat: opsi '${a}' tidak dapat dipakai bersama '${b}'`],
];

export function translateCommanderMessage(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  for (const [pattern, render] of TRANSLATIONS) {
    const match = pattern.exec(text);
    if (match) return text.replace(match[0], render(...match.slice(1).map((group) => group ?? '')));
  }
  return text;
}
