import { lazy, Suspense } from 'react';
import { loadOrFail } from '../../components/LoadFailureBoundary';
import { PageLoader } from '../../components/PageLoader';
import { SECTION_BASE } from '../../layout/bases';
import type { Section } from '../../layout/section';
import { ClientDetail } from './ClientDetail';
import { Clients } from './Clients';
import { Directory } from './Directory';
import { Home } from './Home';
import { messages } from './messages';
import { RequestDetail } from './RequestDetail';
import { RequestForm } from './RequestForm';
import { Requests } from './Requests';

// GraphiQL and its editor are large: only the explorer page loads them.
const Explorer = lazy(() => loadOrFail(() => import('./Explorer')));

const explorer = (
  <Suspense fallback={<PageLoader />}>
    <Explorer />
  </Suspense>
);

export const requesterSection: Section = {
  role: 'requester',
  base: SECTION_BASE.requester,
  namespace: 'requester',
  messages,
  nav: [
    { path: '', label: 'nav.home', testId: 'nav-requester-home' },
    { path: 'direktori', label: 'nav.directory', testId: 'nav-requester-directory' },
    { path: 'permohonan', label: 'nav.requests', inboxHref: '/console/pemohon/permohonan', testId: 'nav-requester-requests' },
    { path: 'aplikasi', label: 'nav.clients', testId: 'nav-requester-clients' },
    { path: 'penjelajah', label: 'nav.explorer', testId: 'nav-requester-explorer' },
  ],
  routes: [
    { path: '', element: <Home /> },
    { path: 'direktori', element: <Directory /> },
    { path: 'permohonan', element: <Requests /> },
    { path: 'permohonan/baru', element: <RequestForm /> },
    { path: 'permohonan/:id', element: <RequestDetail /> },
    { path: 'aplikasi', element: <Clients /> },
    { path: 'aplikasi/:id', element: <ClientDetail /> },
    { path: 'penjelajah', element: explorer },
  ],
};
