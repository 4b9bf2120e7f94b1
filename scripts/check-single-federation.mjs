// Two installed copies of @apollo/federation-internals make query planning fail at run time with
// confusing errors; fail the build instead. Every @apollo federation package is pinned to one version.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const found = [];
function walk(dir, depth) {
  if (depth > 8) return;
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry);
    if (entry === 'federation-internals' && path.basename(dir) === '@apollo') {
      const pkg = JSON.parse(readFileSync(path.join(full, 'package.json'), 'utf8'));
      found.push(`${full} (${pkg.version})`);
    } else if (entry === 'node_modules' || entry.startsWith('@') || depth > 0) {
      if (statSync(full, { throwIfNoEntry: false })?.isDirectory()) walk(full, depth + 1);
    }
  }
}
walk(path.resolve('node_modules'), 0);
if (found.length !== 1) {
  console.error(`Expected exactly one @apollo/federation-internals, found ${found.length}:\n  ${found.join('\n  ')}`);
  process.exit(1);
}
console.log(`one @apollo/federation-internals: ${found[0]}`);
