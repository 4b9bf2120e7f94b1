import type { Section } from '../../layout/section';
import { Home } from './Home';
import { messages } from './messages';

export const evaluatorSection: Section = {
  role: 'evaluator',
  base: 'evaluator',
  namespace: 'evaluator',
  messages,
  nav: [{ path: '', label: 'nav.home', testId: 'nav-evaluator-home' }],
  routes: [{ path: '', element: <Home /> }],
};
