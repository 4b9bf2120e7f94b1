/**
 * The frame around every signed-in page: the product name, the language switch, who is signed in,
 * sign-out, and the navigation of the user's own role with the counts waiting in each inbox.
 */
import { AppShell, Badge, Burger, Button, Group, NavLink, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Link, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useInbox } from '../api/inbox';
import { useSession, useUser } from '../api/session';
import { setLanguage, useLanguage } from '../i18n';
import type { Section } from './section';
import { sectionPath } from './section';

export function LanguageSwitch() {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={language}
      onChange={(value) => setLanguage(value === 'en' ? 'en' : 'id')}
      data={[
        { value: 'id', label: 'ID' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}

export function Shell({ section }: { section: Section }) {
  const { t } = useTranslation();
  const { t: ts } = useTranslation(section.namespace);
  const user = useUser();
  const { signOut } = useSession();
  const location = useLocation();
  const inbox = useInbox();
  const [opened, { toggle }] = useDisclosure();

  const countFor = (href: string | undefined) =>
    href ? (inbox.data?.items ?? []).filter((item) => item.href === href).reduce((sum, item) => sum + item.count, 0) : 0;

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 260, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" />
            <Title order={4}>{t('app.title')}</Title>
            <Text size="sm" c="dimmed" visibleFrom="md">
              {t('app.subtitle')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <LanguageSwitch />
            <Stack gap={0} visibleFrom="sm">
              <Text size="sm" fw={500} data-testid="user-name">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed" data-testid="user-role">
                {t(`roles.${user.role}`)}
              </Text>
            </Stack>
            <Button variant="subtle" size="xs" data-testid="sign-out" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" data-testid="navigation">
        {section.nav.map((item) => {
          const to = sectionPath(section, item.path);
          const count = countFor(item.inboxHref);
          const active = item.path === '' ? location.pathname === to : location.pathname.startsWith(to);
          return (
            <NavLink
              key={item.path}
              component={Link}
              to={to}
              label={ts(item.label)}
              active={active}
              data-testid={item.testId}
              rightSection={
                count > 0 ? (
                  <Badge size="sm" circle data-testid="inbox-count">
                    {count}
                  </Badge>
                ) : null
              }
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
