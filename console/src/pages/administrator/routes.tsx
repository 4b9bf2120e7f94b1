import type { Section } from '../../layout/section';
import { Accounts } from './Accounts';
import { Catalogue } from './Catalogue';
import { Graphs } from './Graphs';
import { Home } from './Home';
import { messages } from './messages';
import { Notifications } from './Notifications';
import { ADMIN_BASE } from './paths';
import { RequestDetail } from './RequestDetail';
import { Sessions } from './Sessions';
import { Requests } from './Requests';
import { Trail } from './Trail';

export const administratorSection: Section = {
  role: 'administrator',
  base: ADMIN_BASE,
  namespace: 'administrator',
  messages,
  nav: [
    { path: '', label: 'nav.home', testId: 'nav-administrator-home' },
    // The notifications' inbox item for pending approvals links here (GET /v1/inbox `href`).
    {
      path: 'permohonan',
      label: 'nav.requests',
      inboxHref: '/console/admin/permohonan',
      testId: 'nav-administrator-requests',
    },
    { path: 'graf', label: 'nav.graphs', testId: 'nav-administrator-graphs' },
    { path: 'jejak', label: 'nav.trail', testId: 'nav-administrator-trail' },
    { path: 'akun', label: 'nav.accounts', testId: 'nav-administrator-accounts' },
    { path: 'sesi', label: 'nav.sessions', testId: 'nav-administrator-sessions' },
    { path: 'pd-tema', label: 'nav.catalogue', testId: 'nav-administrator-catalogue' },
    { path: 'notifikasi', label: 'nav.notifications', testId: 'nav-administrator-notifications' },
  ],
  routes: [
    { path: '', element: <Home /> },
    { path: 'permohonan', element: <Requests /> },
    { path: 'permohonan/:id', element: <RequestDetail /> },
    { path: 'graf', element: <Graphs /> },
    { path: 'jejak', element: <Trail /> },
    { path: 'akun', element: <Accounts /> },
    { path: 'sesi', element: <Sessions /> },
    { path: 'pd-tema', element: <Catalogue /> },
    { path: 'notifikasi', element: <Notifications /> },
  ],
};
