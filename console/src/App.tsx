/**
 * The console's routes: sign-in until there is a session, then the signed-in role's section. A
 * path of another role's section answers "not allowed" (the registry refuses its API calls too).
 * Each section's pages, words and libraries (the evaluator's charts, the requester's explorer) are
 * a chunk of their own, fetched after sign-in for the signed-in role only.
 */
import { Alert, Button, Stack } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from './api/session';
import type { Role } from './api/session';
import { LoadFailureBoundary, loadOrFail } from './components/LoadFailureBoundary';
import { PageLoader } from './components/PageLoader';
import { registerMessages } from './i18n';
import { SECTION_BASE } from './layout/bases';
import { Shell } from './layout/Shell';
import type { Section } from './layout/section';
import { sectionPath } from './layout/section';
import { SignIn } from './pages/SignIn';

function NotAllowed({ home }: { home: string }) {
  const { t } = useTranslation();
  return (
    <Stack p="md" data-testid="not-allowed">
      <Alert color="red" title={t('errors.title')}>
        {t('errors.forbidden')}
      </Alert>
      <Button component={Link} to={home} variant="light" w="fit-content">
        {t('shell.home')}
      </Button>
    </Stack>
  );
}

function NotFound({ home }: { home: string }) {
  const { t } = useTranslation();
  return (
    <Stack p="md" data-testid="not-found">
      <Alert color="gray">{t('errors.notFound')}</Alert>
      <Button component={Link} to={home} variant="light" w="fit-content">
        {t('shell.home')}
      </Button>
    </Stack>
  );
}

function SectionRoutes({ section }: { section: Section }) {
  const home = sectionPath(section, '');
  return (
    <Routes>
      <Route element={<Shell section={section} />}>
        <Route index element={<Navigate to={home} replace />} />
        <Route path="masuk" element={<Navigate to={home} replace />} />
        {section.routes.map((route) => (
          <Route key={route.path} path={sectionPath(section, route.path)} element={route.element} />
        ))}
        {Object.entries(SECTION_BASE)
          .filter(([role]) => role !== section.role)
          .map(([, base]) => (
            <Route key={base} path={`/${base}/*`} element={<NotAllowed home={home} />} />
          ))}
        <Route path="*" element={<NotFound home={home} />} />
      </Route>
    </Routes>
  );
}

/** A section as a lazy component: its chunk is fetched the first time it renders. */
function lazySection(load: () => Promise<Section>) {
  return lazy(async () => {
    const section = await loadOrFail(load);
    registerMessages(section.namespace, section.messages);
    return { default: () => <SectionRoutes section={section} /> };
  });
}

const RequesterSection = lazySection(() =>
  import('./pages/requester/routes').then((module) => module.requesterSection),
);
const AdministratorSection = lazySection(() =>
  import('./pages/administrator/routes').then((module) => module.administratorSection),
);
const PublisherSection = lazySection(() =>
  import('./pages/publisher/routes').then((module) => module.publisherSection),
);
const EvaluatorSection = lazySection(() =>
  import('./pages/evaluator/routes').then((module) => module.evaluatorSection),
);

function OwnSection({ role }: { role: Role }) {
  switch (role) {
    case 'requester':
      return <RequesterSection />;
    case 'administrator':
      return <AdministratorSection />;
    case 'publisher':
      return <PublisherSection />;
    case 'evaluator':
      return <EvaluatorSection />;
    default:
      return <NotAllowed home="/" />;
  }
}

export function App() {
  const { state } = useSession();
  if (state.status === 'loading') return <PageLoader fullHeight />;
  if (state.status === 'signed-out') return <SignIn expired={state.expired} />;

  return (
    <LoadFailureBoundary>
      <Suspense fallback={<PageLoader fullHeight />}>
        <OwnSection role={state.user.role} />
      </Suspense>
    </LoadFailureBoundary>
  );
}
