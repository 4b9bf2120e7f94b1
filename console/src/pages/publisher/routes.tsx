import { Navigate } from 'react-router';
import { SECTION_BASE } from '../../layout/bases';
import type { Section } from '../../layout/section';
import { CheckSchema } from './CheckSchema';
import { CrossAgencyChanges } from './CrossAgencyChanges';
import { Grants } from './Grants';
import { Home } from './Home';
import { messages } from './messages';
import { RequestDecision } from './RequestDecision';
import { RequestInbox } from './RequestInbox';
import { SubgraphDetail } from './SubgraphDetail';
import { Subgraphs } from './Subgraphs';
import { Usage } from './Usage';

export const publisherSection: Section = {
  role: 'publisher',
  base: SECTION_BASE.publisher,
  namespace: 'publisher',
  messages,
  nav: [
    { path: '', label: 'nav.home', testId: 'nav-publisher-home' },
    { path: 'permohonan', label: 'nav.requests', inboxHref: '/console/penerbit/permohonan', testId: 'nav-publisher-requests' },
    { path: 'perubahan', label: 'nav.changes', inboxHref: '/console/penerbit/perubahan', testId: 'nav-publisher-changes' },
    { path: 'subgraph', label: 'nav.subgraphs', testId: 'nav-publisher-subgraphs' },
    { path: 'periksa', label: 'nav.check', testId: 'nav-publisher-check' },
    { path: 'akses', label: 'nav.grants', testId: 'nav-publisher-grants' },
    { path: 'pemakaian', label: 'nav.usage', testId: 'nav-publisher-usage' },
  ],
  routes: [
    { path: '', element: <Home /> },
    { path: 'permohonan', element: <RequestInbox /> },
    { path: 'permohonan/:id', element: <RequestDecision /> },
    // The inbox and the e-mails link here (registry/notifications/consolePaths.ts); the longer name leads here too.
    { path: 'perubahan', element: <CrossAgencyChanges /> },
    { path: 'perubahan-lintas-pd', element: <Navigate to="/penerbit/perubahan" replace /> },
    { path: 'subgraph', element: <Subgraphs /> },
    { path: 'subgraph/:name', element: <SubgraphDetail /> },
    { path: 'subgraph/:name/versi/:version', element: <SubgraphDetail /> },
    { path: 'periksa', element: <CheckSchema /> },
    { path: 'akses', element: <Grants /> },
    { path: 'pemakaian', element: <Usage /> },
  ],
};
