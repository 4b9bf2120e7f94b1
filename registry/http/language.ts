/**
 * Which language a registry client asked for. Everything the registry says to people is Indonesian
 * first; a client whose `Accept-Language` ranks English above Indonesian (`en`, `en-GB`,
 * `en;q=0.9, id;q=0.5`, or English alone among the tags it names) gets English. A range without English,
 * `*`, or no header at all keeps Indonesian.
 */
export function prefersEnglish(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  let english = 0;
  let indonesian = 0;
  for (const part of value.split(',')) {
    const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
    const quality = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith('q='));
    const weight = quality === undefined ? 1 : Number(quality.slice(2));
    if (!Number.isFinite(weight)) continue;
    if (tag === 'en' || tag.startsWith('en-')) english = Math.max(english, weight);
    if (tag === 'id' || tag.startsWith('id-')) indonesian = Math.max(indonesian, weight);
  }
  return english > 0 && english > indonesian;
}

/** `en` when the request prefers English, else `id`. */
export function requestLanguage(header: string | string[] | undefined): 'id' | 'en' {
  return prefersEnglish(header) ? 'en' : 'id';
}
