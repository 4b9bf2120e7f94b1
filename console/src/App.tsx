/**
 * The console's routes: sign-in until there is a session, then the signed-in role's section. A
 * path of another role's section answers "not allowed" (the registry refuses its API calls too).
 */
import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { Link, Navigate, Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from './api/session';
import type { Role } from './api/session';
import { registerMessages } from './i18n';
import { Shell } from './layout/Shell';
import type { Section } from './layout/section';
import { sectionPath } from './layout/section';
import { administratorSection } from './pages/administrator/routes';
import { evaluatorSection } from './pages/evaluator/routes';
import { publisherSection } from './pages/publisher/routes';
import { requesterSection } from './pages/requester/routes';
import { SignIn } from './pages/SignIn';

const sections: Section[] = [requesterSection, administratorSection, publisherSection, evaluatorSection];
for (const section of sections) registerMessages(section.namespace, section.messages);

const sectionByRole = new Map<Role, Section>(sections.map((section) => [section.role, section]));

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

export function App() {
  const { state } = useSession();
  if (state.status === 'loading') {
    return (
      <Center mih="100vh">
        <Loader />
      </Center>
    );
  }
  if (state.status === 'signed-out') return <SignIn expired={state.expired} />;

  const own = sectionByRole.get(state.user.role);
  if (!own) return <NotAllowed home="/" />;
  const home = sectionPath(own, '');
  return (
    <Routes>
      <Route element={<Shell section={own} />}>
        <Route index element={<Navigate to={home} replace />} />
        <Route path="masuk" element={<Navigate to={home} replace />} />
        {own.routes.map((route) => (
          <Route key={route.path} path={sectionPath(own, route.path)} element={route.element} />
        ))}
        {sections
          .filter((section) => section !== own)
          .map((section) => (
            <Route key={section.base} path={`/${section.base}/*`} element={<NotAllowed home={home} />} />
          ))}
        <Route path="*" element={<NotFound home={home} />} />
      </Route>
    </Routes>
  );
}
