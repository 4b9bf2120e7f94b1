import type { Section } from '../../layout/section';
import { Home } from './Home';
import { messages } from './messages';

export const requesterSection: Section = {
  role: 'requester',
  base: 'pemohon',
  namespace: 'requester',
  messages,
  nav: [{ path: '', label: 'nav.home', testId: 'nav-requester-home' }],
  routes: [{ path: '', element: <Home /> }],
};
