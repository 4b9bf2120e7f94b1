// The charts' styles travel with the only pages that draw charts.
import '@mantine/charts/styles.css';
import { SECTION_BASE } from '../../layout/bases';
import type { Section } from '../../layout/section';
import { Home } from './Home';
import { LogSearch } from './LogSearch';
import { messages } from './messages';
import { Report } from './Report';
import { Statistics } from './Statistics';
import { Verification } from './Verification';

export const evaluatorSection: Section = {
  role: 'evaluator',
  base: SECTION_BASE.evaluator,
  namespace: 'evaluator',
  messages,
  nav: [
    { path: '', label: 'nav.home', testId: 'nav-evaluator-home' },
    { path: 'log', label: 'nav.log', testId: 'nav-evaluator-log' },
    { path: 'statistik', label: 'nav.stats', testId: 'nav-evaluator-stats' },
    { path: 'laporan', label: 'nav.report', testId: 'nav-evaluator-report' },
    { path: 'verifikasi', label: 'nav.verification', testId: 'nav-evaluator-verification' },
  ],
  routes: [
    { path: '', element: <Home /> },
    { path: 'log', element: <LogSearch /> },
    { path: 'statistik', element: <Statistics /> },
    { path: 'laporan', element: <Report /> },
    { path: 'verifikasi', element: <Verification /> },
  ],
};
