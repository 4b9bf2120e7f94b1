/**
 * The URL segment after /console/ of each role's section. Kept apart from the sections themselves:
 * the console's first chunk needs every base (another role's paths answer "not allowed") but loads
 * only the signed-in role's pages.
 */
import type { Role } from '../api/session';

export const SECTION_BASE: Record<Role, string> = {
  requester: 'pemohon',
  administrator: 'admin',
  publisher: 'penerbit',
  evaluator: 'evaluator',
};
