import type { Section } from '../../layout/section';
import { Home } from './Home';
import { messages } from './messages';

export const administratorSection: Section = {
  role: 'administrator',
  base: 'admin',
  namespace: 'administrator',
  messages,
  nav: [{ path: '', label: 'nav.home', testId: 'nav-administrator-home' }],
  routes: [{ path: '', element: <Home /> }],
};
