import type { Section } from '../../layout/section';
import { Home } from './Home';
import { messages } from './messages';

export const publisherSection: Section = {
  role: 'publisher',
  base: 'penerbit',
  namespace: 'publisher',
  messages,
  nav: [{ path: '', label: 'nav.home', testId: 'nav-publisher-home' }],
  routes: [{ path: '', element: <Home /> }],
};
