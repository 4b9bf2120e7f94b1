/**
 * The hostile documents of the security suite and of bench/security.bench.ts, built from the demo
 * schema: each once kept the gateway busy for seconds to minutes while every field in it was granted.
 */

/** ~2 KB: 20 nested fragments, each selecting the next twice under aliases (2^20 expansions). */
export function fragmentBomb(levels = 20): string {
  let fragments = '';
  for (let level = 0; level < levels; level += 1) {
    const inner = level < levels - 1 ? `...F${level + 1}` : 'nomor';
    fragments += `fragment F${level} on IzinUsaha { a: pemilik { izinUsaha { ${inner} } } b: pemilik { izinUsaha { ${inner} } } } `;
  }
  return `query Bom { daftarIzinUsaha { ...F0 } } ${fragments}`;
}

/** ~380 bytes: a resident's permits and their owners nested `levels` deep. */
export function deepNesting(nik: string, levels = 10): string {
  let selection = 'nama';
  for (let level = 0; level < levels; level += 1) selection = `izinUsaha { pemilik { ${selection} } }`;
  return `query Dalam { penduduk(nik: "${nik}") { ${selection} } }`;
}

/** `count` aliases of one granted field. */
export function manyAliases(count = 10_000): string {
  return `query Alias { ${Array.from({ length: count }, (_, index) => `a${index}: daftarIzinUsaha(batas: 1) { nomor }`).join(' ')} }`;
}

/** An array nested `depth` deep, as JSON text (JSON.stringify of such a value would overflow the stack). */
export function deepArrayJson(depth = 200_000): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}
