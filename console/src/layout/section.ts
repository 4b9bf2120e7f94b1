/**
 * One role's part of the console: its pages under one path, its navigation, its words. The shell
 * shows only the signed-in role's section; another role's paths answer "not allowed".
 */
import type { ReactNode } from 'react';
import type { Role } from '../api/session';
import type { Messages } from '../i18n';

export interface NavItem {
  /** Path below the section's base, '' for its home. */
  path: string;
  /** i18n key in the section's namespace. */
  label: string;
  /** The `href` of the /v1/inbox item whose count this entry shows as a badge. */
  inboxHref?: string;
  testId?: string;
}

export interface SectionRoute {
  /** Path below the section's base ('' for its home; may hold params like 'permohonan/:id'). */
  path: string;
  element: ReactNode;
}

export interface Section {
  role: Role;
  /** The URL segment after /console/, e.g. 'pemohon'. */
  base: string;
  /** The i18n namespace of the section's messages. */
  namespace: string;
  messages: Messages;
  nav: NavItem[];
  routes: SectionRoute[];
}

export function sectionPath(section: Pick<Section, 'base'>, path: string): string {
  return path === '' ? `/${section.base}` : `/${section.base}/${path}`;
}
