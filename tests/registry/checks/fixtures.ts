import { readFileSync } from 'node:fs';

/** An SDL fixture from `tests/fixtures/sdl/`, by path without the `.graphql` extension. */
export function sdl(name: string): string {
  return readFileSync(new URL(`../../fixtures/sdl/${name}.graphql`, import.meta.url), 'utf8');
}
