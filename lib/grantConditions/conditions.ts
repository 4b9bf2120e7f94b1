/**
 * The conditions of a grant: what an administrator attaches when approving a request, or a publisher
 * when granting its agency's part, on top of the fields themselves. Stored with the grant, carried in
 * the gateway's grant snapshot and in the gateway token, and evaluated (as graphql-shield rules, see
 * `shieldRule.ts`) by the gateway's coordinate walk and by each subgraph's guard.
 *
 * Kinds:
 * - `period` — the grant's window of validity (its `startsAt`/`endsAt`; the intersection over every
 *   owning agency's grant for a shared field);
 * - `hours` — permitted hours in WIB (UTC+7, no daylight saving), optionally on some weekdays only;
 * - `arguments` — which arguments must or must not be given, their allowed values, patterns (RE2,
 *   run in linear time: `patterns.ts`) and upper bounds (e.g. `Query.penduduk` only by `nik`;
 *   `batas` ≤ 20);
 * - `maxItems` — the longest list the field may return (checked where the list is produced: the
 *   subgraph).
 *
 * This module is plain data and pure functions: no engine, no clock of its own (callers pass `at`).
 */
import { z } from 'zod';
import type { Message } from '../errors.ts';
import { compilePattern, matchesWhole, PatternBudget, patternProblem, PATTERN_MAX_LENGTH, PATTERN_VALUE_MAX_LENGTH } from './patterns.ts';

const WIB_OFFSET_MS = 7 * 60 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

const argumentName = z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*$/, 'nama argumen GraphQL (GraphQL argument name)');
const scalarValue = z.union([z.string().max(500), z.number(), z.boolean()]);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'jam HH:MM (24 jam, WIB)');

/**
 * A pattern as stored and carried (grant rows, snapshots, gateway tokens): only its length is checked
 * here, so that a row stored under older rules still reads; what is attached now is checked by
 * `attachedConditionsInputSchema`, and evaluation refuses a pattern that does not compile.
 */
const pattern = z.string().min(1).max(PATTERN_MAX_LENGTH);

export const permittedHoursSchema = z
  .object({
    from: clock.describe('Mulai, WIB (HH:MM, termasuk)'),
    until: clock.describe('Sampai, WIB (HH:MM, tidak termasuk); lebih kecil dari `from` berarti melewati tengah malam'),
    days: z
      .array(z.number().int().min(1).max(7))
      .min(1)
      .max(7)
      .optional()
      .describe('Hari yang diizinkan, 1 = Senin … 7 = Minggu (hari WIB saat jam mulai); bawaan setiap hari'),
  })
  .refine((hours) => hours.from !== hours.until, 'jam mulai dan sampai harus berbeda (from ≠ until)')
  .meta({ id: 'PermittedHours' });
export type PermittedHours = z.infer<typeof permittedHoursSchema>;

export const argumentConstraintsSchema = z
  .object({
    required: z.array(argumentName).max(20).optional().describe('Argumen yang wajib diberikan (bukan null)'),
    forbidden: z.array(argumentName).max(20).optional().describe('Argumen yang tidak boleh diberikan'),
    allowedValues: z
      .record(argumentName, z.array(scalarValue).min(1).max(500))
      .optional()
      .describe('Nilai yang diizinkan per argumen (untuk daftar: setiap unsurnya)'),
    patterns: z
      .record(argumentName, pattern)
      .optional()
      .describe(
        `Pola (regular expression, sintaks RE2: tanpa backreference dan lookaround) yang harus dipenuhi seluruh nilai argumen teks; nilai lebih dari ${PATTERN_VALUE_MAX_LENGTH} karakter ditolak`,
      ),
    maximum: z
      .record(argumentName, z.number().int().min(0).max(1_000_000))
      .optional()
      .describe('Nilai terbesar argumen angka, mis. `batas`/`first`/`limit` ≤ N (nilai bawaan skema ikut diperiksa)'),
  })
  .strict()
  .meta({ id: 'ArgumentConstraints' });
export type ArgumentConstraints = z.infer<typeof argumentConstraintsSchema>;

/** One source's conditions on one field (or, in an approval, on every field of the request). */
export const conditionSetSchema = z
  .object({
    hours: permittedHoursSchema.optional(),
    arguments: argumentConstraintsSchema.optional(),
    maxItems: z.number().int().min(0).max(1_000_000).optional().describe('Panjang daftar terbesar yang boleh dikembalikan field ini'),
  })
  .strict()
  .meta({ id: 'ConditionSet' });
export type ConditionSet = z.infer<typeof conditionSetSchema>;

/**
 * What an administrator (approval) or a publisher (grant) attaches: conditions on every field of the
 * request (`all`) and per field (`fields`, keyed by coordinate). Stored as given.
 */
export const attachedConditionsSchema = z
  .object({
    all: conditionSetSchema.optional().describe('Syarat untuk semua field permohonan'),
    fields: z
      .record(z.string().regex(/^[_A-Za-z][_0-9A-Za-z]*\.[_A-Za-z][_0-9A-Za-z]*$/), conditionSetSchema)
      .optional()
      .describe('Syarat per field (koordinat Tipe.field)'),
  })
  .strict()
  .meta({ id: 'GrantConditions' });
export type AttachedConditions = z.infer<typeof attachedConditionsSchema>;

/**
 * What an administrator or a publisher may attach now: `attachedConditionsSchema`, and every pattern
 * usable by the linear-time engine (`patterns.ts`). A refusal names the pattern's path.
 */
export const attachedConditionsInputSchema = attachedConditionsSchema.superRefine((attached, ctx) => {
  const sets: [PropertyKey[], ConditionSet | undefined][] = [
    [['all'], attached.all],
    ...Object.entries(attached.fields ?? {}).map(([coordinate, set]): [PropertyKey[], ConditionSet] => [['fields', coordinate], set]),
  ];
  for (const [path, set] of sets) {
    for (const [name, source] of Object.entries(set?.arguments?.patterns ?? {})) {
      // A length out of bounds is already reported by `pattern` itself.
      const problem = pattern.safeParse(source).success ? patternProblem(source) : null;
      if (problem) {
        ctx.addIssue({ code: 'custom', path: [...path, 'arguments', 'patterns', name], message: `${problem.id} / ${problem.en}` });
      }
    }
  }
});

/** Everything that applies to one granted coordinate: its period and every attached set (all must hold). */
export interface CoordinateConditions {
  /** ISO instants; absent when the field is not bounded in time (not for stored grants). */
  readonly period?: { readonly startsAt: string; readonly endsAt: string };
  readonly sets: readonly ConditionSet[];
}

/**
 * The conditions of one granted coordinate for one client: one entry per request that grants it;
 * access is allowed when any entry holds.
 */
export type FieldConditions = readonly CoordinateConditions[];

export const coordinateConditionsSchema = z.object({
  period: z.object({ startsAt: z.iso.datetime({ offset: true }), endsAt: z.iso.datetime({ offset: true }) }).optional(),
  sets: z.array(conditionSetSchema).max(20),
});

export type ConditionKind = 'period' | 'hours' | 'arguments' | 'maxItems';

/** Why a condition refused, for the client (Indonesian first) and the access log. */
export interface ConditionFailure {
  readonly condition: ConditionKind;
  /** The argument concerned, for `arguments`. */
  readonly argument?: string;
  readonly message: Message;
}

/** The conditions in one set that apply to `coordinate`, from an attachment; empty sets dropped. */
export function conditionSetsFor(attached: AttachedConditions | null | undefined, coordinate: string): ConditionSet[] {
  if (!attached) return [];
  return [attached.all, attached.fields?.[coordinate]].filter(
    (set): set is ConditionSet => set !== undefined && Object.keys(set).length > 0,
  );
}

/** The coordinates an attachment names per field: each must be one of the request's fields. */
export function namedCoordinates(attached: AttachedConditions | null | undefined): string[] {
  return Object.keys(attached?.fields ?? {});
}

/** Whether evaluation needs the field's arguments (then a decision is never reused across requests). */
export function usesArguments(conditions: FieldConditions): boolean {
  return conditions.some((entry) => entry.sets.some((set) => set.arguments !== undefined));
}

// ---- evaluation ---------------------------------------------------------------------------------

export function checkPeriod(
  period: CoordinateConditions['period'],
  at: Date,
): ConditionFailure | null {
  if (!period) return null;
  const time = at.getTime();
  if (time < Date.parse(period.startsAt)) {
    return {
      condition: 'period',
      message: {
        id: `Masa berlaku akses belum dimulai: berlaku mulai ${formatWib(period.startsAt)} WIB.`,
        en: `The grant's period has not started: it is valid from ${period.startsAt}.`,
      },
    };
  }
  if (time >= Date.parse(period.endsAt)) {
    return {
      condition: 'period',
      message: {
        id: `Masa berlaku akses sudah berakhir pada ${formatWib(period.endsAt)} WIB.`,
        en: `The grant's period ended at ${period.endsAt}.`,
      },
    };
  }
  return null;
}

/** Minutes since 00:00 WIB, and the WIB weekday (1 = Monday … 7 = Sunday), of an instant. */
function wibClock(time: number): { minutes: number; weekday: number; dayStart: number } {
  const shifted = time + WIB_OFFSET_MS;
  const dayStart = Math.floor(shifted / DAY_MS) * DAY_MS;
  const minutes = Math.floor((shifted - dayStart) / MINUTE_MS);
  const utcDay = new Date(dayStart).getUTCDay(); // 0 = Sunday
  return { minutes, weekday: utcDay === 0 ? 7 : utcDay, dayStart: dayStart - WIB_OFFSET_MS };
}

function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function previousWeekday(weekday: number): number {
  return weekday === 1 ? 7 : weekday - 1;
}

/** Whether `at` falls within the permitted hours (a span past midnight belongs to the day it starts). */
export function withinHours(hours: PermittedHours, at: Date): boolean {
  const { minutes, weekday } = wibClock(at.getTime());
  const from = minutesOf(hours.from);
  const until = minutesOf(hours.until);
  const dayAllowed = (day: number) => hours.days === undefined || hours.days.includes(day);
  if (from < until) return minutes >= from && minutes < until && dayAllowed(weekday);
  // Past midnight: 22:00–05:00 is today's evening or the morning after yesterday's start.
  if (minutes >= from) return dayAllowed(weekday);
  if (minutes < until) return dayAllowed(previousWeekday(weekday));
  return false;
}

export function checkHours(hours: PermittedHours | undefined, at: Date): ConditionFailure | null {
  if (!hours || withinHours(hours, at)) return null;
  const days = hours.days ? ` pada hari ${hours.days.map((day) => DAY_NAMES[day - 1]).join(', ')}` : '';
  const daysEn = hours.days ? ` on ${hours.days.map((day) => DAY_NAMES_EN[day - 1]).join(', ')}` : '';
  return {
    condition: 'hours',
    message: {
      id: `Akses hanya diizinkan pukul ${hours.from}–${hours.until} WIB${days}.`,
      en: `Access is permitted only ${hours.from}–${hours.until} WIB${daysEn}.`,
    },
  };
}

/**
 * The next instant after `at` at which `withinHours` may change: the next `from` or `until` minute
 * boundary in WIB. Decisions that depend on the hours are cached no longer than this.
 */
export function nextHoursChange(hours: PermittedHours, at: Date): number {
  const time = at.getTime();
  const { dayStart } = wibClock(time);
  let next = Number.POSITIVE_INFINITY;
  for (const day of [0, 1]) {
    for (const boundary of [minutesOf(hours.from), minutesOf(hours.until)]) {
      const instant = dayStart + day * DAY_MS + boundary * MINUTE_MS;
      if (instant > time) next = Math.min(next, instant);
    }
  }
  return next;
}

/** The next instant after `at` at which a time-dependent condition may change; null when none. */
export function nextTimeChange(conditions: FieldConditions, at: Date): number | null {
  const time = at.getTime();
  let next = Number.POSITIVE_INFINITY;
  for (const entry of conditions) {
    if (entry.period) {
      for (const boundary of [Date.parse(entry.period.startsAt), Date.parse(entry.period.endsAt)]) {
        if (boundary > time) next = Math.min(next, boundary);
      }
    }
    for (const set of entry.sets) if (set.hours) next = Math.min(next, nextHoursChange(set.hours, at));
  }
  return Number.isFinite(next) ? next : null;
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function elements(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [value];
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/**
 * Checks one field's arguments (coerced, defaults applied) against the constraints. `budget` is the
 * request's pattern-matching work left (shared by every field and alias of one request).
 */
export function checkArguments(
  constraints: ArgumentConstraints | undefined,
  args: Readonly<Record<string, unknown>>,
  budget: PatternBudget = new PatternBudget(),
): ConditionFailure | null {
  if (!constraints) return null;
  const fail = (argument: string, message: Message): ConditionFailure => ({
    condition: 'arguments',
    argument,
    message,
  });
  for (const name of constraints.forbidden ?? []) {
    if (given(args[name])) {
      return fail(name, {
        id: `Argumen "${name}" tidak diizinkan oleh syarat pemberian akses.`,
        en: `Argument "${name}" is not permitted by the grant's conditions.`,
      });
    }
  }
  for (const name of constraints.required ?? []) {
    if (!given(args[name])) {
      return fail(name, {
        id: `Argumen "${name}" wajib diberikan menurut syarat pemberian akses.`,
        en: `Argument "${name}" is required by the grant's conditions.`,
      });
    }
  }
  for (const [name, allowed] of Object.entries(constraints.allowedValues ?? {})) {
    if (!given(args[name])) continue;
    const refused = elements(args[name]).find((value) => !allowed.some((candidate) => candidate === value));
    if (refused !== undefined) {
      return fail(name, {
        id: `Nilai ${show(refused)} untuk argumen "${name}" tidak termasuk nilai yang diizinkan (${allowed.map(show).join(', ')}).`,
        en: `Value ${show(refused)} of argument "${name}" is not among the permitted values (${allowed.map(show).join(', ')}).`,
      });
    }
  }
  for (const [name, source] of Object.entries(constraints.patterns ?? {})) {
    if (!given(args[name])) continue;
    const failure = checkPattern(name, source, elements(args[name]), budget);
    if (failure) return fail(name, failure);
  }
  for (const [name, maximum] of Object.entries(constraints.maximum ?? {})) {
    if (!given(args[name])) continue;
    const refused = elements(args[name]).find((value) => typeof value !== 'number' || value > maximum);
    if (refused !== undefined) {
      return fail(name, {
        id: `Argumen "${name}" bernilai ${show(refused)}, melebihi batas ${maximum} dalam syarat pemberian akses.`,
        en: `Argument "${name}" is ${show(refused)}, above the limit of ${maximum} set by the grant's conditions.`,
      });
    }
  }
  return null;
}

/**
 * Why the values of argument `name` fail its pattern, or null. Fails closed: a pattern that does not
 * compile (stored before the engine's rules applied) refuses, and so does a value too long to match.
 */
function checkPattern(name: string, source: string, values: readonly unknown[], budget: PatternBudget): Message | null {
  const compiled = compilePattern(source);
  if (!compiled.ok) {
    return {
      id: `Pola argumen "${name}" dalam syarat pemberian akses tidak dapat diterapkan (${compiled.problem.id}); akses ditolak sampai pemberi akses memperbaikinya.`,
      en: `The pattern for argument "${name}" in the grant's conditions cannot be applied (${compiled.problem.en}); access is refused until the grantor fixes it.`,
    };
  }
  for (const value of values) {
    if (typeof value === 'string' && value.length > PATTERN_VALUE_MAX_LENGTH) {
      return {
        id: `Nilai argumen "${name}" lebih dari ${PATTERN_VALUE_MAX_LENGTH} karakter, terlalu panjang untuk diperiksa dengan pola syarat pemberian akses.`,
        en: `The value of argument "${name}" is longer than ${PATTERN_VALUE_MAX_LENGTH} characters, too long to check against the grant's pattern.`,
      };
    }
    if (typeof value === 'string' && !budget.take(compiled.regex, value)) {
      return {
        id: `Permintaan ini meminta terlalu banyak pemeriksaan pola syarat pemberian akses (argumen "${name}"); kirim lebih sedikit nilai atau alias dalam satu permintaan.`,
        en: `This request asks for too much checking against the grant's patterns (argument "${name}"); send fewer values or aliases in one request.`,
      };
    }
    if (typeof value !== 'string' || !matchesWhole(compiled.regex, value)) {
      return {
        id: `Nilai argumen "${name}" tidak sesuai pola yang diizinkan (${source}).`,
        en: `The value of argument "${name}" does not match the permitted pattern (${source}).`,
      };
    }
  }
  return null;
}

/** Checks a resolved value's length against `maxItems`; non-lists pass. */
export function checkListSize(maxItems: number | undefined, value: unknown): ConditionFailure | null {
  if (maxItems === undefined || !Array.isArray(value) || value.length <= maxItems) return null;
  return {
    condition: 'maxItems',
    message: {
      id: `Hasil berisi ${value.length} butir, melebihi batas ${maxItems} butir dalam syarat pemberian akses.`,
      en: `The result has ${value.length} items, more than the ${maxItems} permitted by the grant's conditions.`,
    },
  };
}

/**
 * The list size the field may return: the smallest `maxItems` of an entry, the largest among the
 * entries that hold now (any entry suffices); undefined when some holding entry sets none.
 */
export function maxItemsOf(
  conditions: FieldConditions,
  at: Date,
  args: Readonly<Record<string, unknown>>,
  budget: PatternBudget = new PatternBudget(),
): number | undefined {
  let largest: number | undefined = -1;
  for (const entry of conditions) {
    if (checkEntry(entry, at, args, budget)) continue;
    let smallest: number | undefined;
    for (const set of entry.sets) {
      if (set.maxItems !== undefined) smallest = smallest === undefined ? set.maxItems : Math.min(smallest, set.maxItems);
    }
    if (smallest === undefined) return undefined;
    largest = Math.max(largest, smallest);
  }
  return largest === -1 ? 0 : largest;
}

/**
 * Every condition that can be decided before the field resolves (period, hours, arguments), over the
 * alternatives: null when some entry holds, otherwise the failure to report, preferring an entry
 * whose period holds (its hours or arguments are what the client can act on). `args` omitted means
 * none were given: a `required` argument then fails (closed, not open). No entry at all fails.
 * `budget`: the request's pattern-matching work left; without one, this call gets its own.
 */
export function checkBeforeResolve(
  conditions: FieldConditions,
  at: Date,
  args: Readonly<Record<string, unknown>> = {},
  budget: PatternBudget = new PatternBudget(),
): ConditionFailure | null {
  let reported: ConditionFailure | null = null;
  for (const entry of conditions) {
    const failure = checkEntry(entry, at, args, budget);
    if (!failure) return null;
    if (!reported || (reported.condition === 'period' && failure.condition !== 'period')) reported = failure;
  }
  return (
    reported ?? {
      condition: 'period',
      message: { id: 'Tidak ada pemberian akses yang berlaku.', en: 'No grant is in effect.' },
    }
  );
}

function checkEntry(
  conditions: CoordinateConditions,
  at: Date,
  args: Readonly<Record<string, unknown>>,
  budget: PatternBudget,
): ConditionFailure | null {
  const period = checkPeriod(conditions.period, at);
  if (period) return period;
  for (const set of conditions.sets) {
    const hours = checkHours(set.hours, at);
    if (hours) return hours;
  }
  for (const set of conditions.sets) {
    const failure = checkArguments(set.arguments, args, budget);
    if (failure) return failure;
  }
  return null;
}

const DAY_NAMES = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'];
const DAY_NAMES_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** `2026-12-06 10:00` in WIB. */
function formatWib(iso: string): string {
  const shifted = new Date(Date.parse(iso) + WIB_OFFSET_MS).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)}`;
}
