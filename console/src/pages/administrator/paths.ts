/** The administrator's console paths that pages link to. */
import { SECTION_BASE } from '../../layout/bases';

export const ADMIN_BASE = SECTION_BASE.administrator;

export function requestPath(id: string): string {
  return `/${ADMIN_BASE}/permohonan/${encodeURIComponent(id)}`;
}

export function trailPath(filter: Record<string, string>): string {
  return `/${ADMIN_BASE}/jejak?${new URLSearchParams(filter).toString()}`;
}
