/**
 * Commander's parser messages and help in Indonesian (English with --lang en keeps them as they are).
 * Each entry matches one message commander 14 writes; anything not listed passes through unchanged.
 */
import { Help } from 'commander';
import type { Argument, Command, Option } from 'commander';
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

const HELP_TITLES: Record<string, string> = {
  'Usage:': 'Penggunaan:',
  'Arguments:': 'Argumen:',
  'Options:': 'Opsi:',
  'Global Options:': 'Opsi global:',
  'Commands:': 'Perintah:',
};

/**
 * Commander's help in Indonesian: the headings ("Penggunaan:", "Opsi:", "Perintah:"), the default and
 * choices notes of each option, and the help option and command themselves. With `lang` 'en' the help
 * stays as commander writes it. Applied to `command` and every subcommand (they exist by then).
 */
export function localizeHelp(command: Command, lang: Lang): void {
  if (lang === 'en') return;
  const base = new Help();
  command.configureHelp({
    styleTitle: (title: string) => HELP_TITLES[title] ?? title,
    optionDescription: (option: Option) =>
      base
        .optionDescription(option)
        .replace(/\(choices: /g, '(pilihan: ')
        .replace(/\bdefault: /g, 'bawaan: ')
        .replace(/\(env: /g, '(environment: '),
    commandUsage: (cmd: Command) => base.commandUsage(cmd).replace('[options]', '[opsi]').replace('[command]', '[perintah]'),
    subcommandTerm: (cmd: Command) => base.subcommandTerm(cmd).replace('[options]', '[opsi]'),
    argumentDescription: (argument: Argument) => base.argumentDescription(argument).replace(/\(default: /g, '(bawaan: '),
  });
  command.helpOption('-h, --help', 'tampilkan bantuan perintah ini');
  if (command.commands.length > 0) command.helpCommand('help [perintah]', 'tampilkan bantuan untuk perintah');
  for (const child of command.commands) localizeHelp(child, lang);
}
