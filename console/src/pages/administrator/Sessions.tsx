/**
 * Who is signed in to the console: every active session with its user, role, start, last use, end,
 * address and browser; an administrator ends one (a lost device, a colleague who left) after
 * confirming, and its holder is asked to sign in again at the next request.
 */
import { Badge, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useActiveSessions, useEndSession } from '../../api/adminSessions';
import type { ActiveSession } from '../../api/adminSessions';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { registerMessages, useLanguage } from '../../i18n';
import { formatDateTime } from './format';
import { ListWithDialog } from './ListWithDialog';

const NAMESPACE = 'adminSessions';
registerMessages(NAMESPACE, {
  id: {
    title: 'Sesi konsol',
    description:
      'Siapa yang sedang masuk ke konsol, dari mana, dan sampai kapan. Sesi berakhir sendiri bila tidak dipakai atau setelah batas mutlaknya; akhiri sesi yang mencurigakan atau perangkat yang hilang.',
    user: 'Pengguna',
    role: 'Peran',
    createdAt: 'Masuk',
    lastSeenAt: 'Terakhir dipakai',
    endsAt: 'Berakhir',
    idleEndsAt: 'bila tak dipakai: {{time}}',
    from: 'Dari',
    current: 'Sesi Anda',
    end: 'Akhiri',
    confirmTitle: 'Akhiri sesi {{name}}?',
    confirmBody:
      'Sesi {{email}} dari {{ip}} berakhir seketika: permintaan berikutnya dari peramban itu ditolak dan pemiliknya harus masuk lagi. Tindakan ini dicatat di jejak administratif.',
    reason: 'Alasan (dicatat di jejak)',
    ended: 'Sesi {{email}} telah diakhiri.',
    empty: 'Tidak ada sesi aktif.',
  },
  en: {
    title: 'Console sessions',
    description:
      'Who is signed in to the console, from where, and until when. Sessions end by themselves when unused or at their absolute limit; end a suspicious session or one on a lost device.',
    user: 'User',
    role: 'Role',
    createdAt: 'Signed in',
    lastSeenAt: 'Last used',
    endsAt: 'Ends',
    idleEndsAt: 'if unused: {{time}}',
    from: 'From',
    current: 'Your session',
    end: 'End',
    confirmTitle: 'End {{name}}’s session?',
    confirmBody:
      'The session of {{email}} from {{ip}} ends at once: the next request from that browser is refused and its owner must sign in again. This is recorded on the administrative trail.',
    reason: 'Reason (recorded on the trail)',
    ended: 'The session of {{email}} has been ended.',
    empty: 'No active session.',
  },
});

function EndSession({ session, onDone, onCancel }: { session: ActiveSession; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation(NAMESPACE);
  const { t: tc } = useTranslation();
  const end = useEndSession();
  const [reason, setReason] = useState('');
  return (
    <Stack data-testid="session-end-confirm">
      <Text size="sm">{t('confirmBody', { email: session.userEmail, ip: session.ip || '—' })}</Text>
      <Textarea
        label={t('reason')}
        maxLength={2000}
        value={reason}
        data-testid="session-end-reason"
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      {end.error ? <ErrorAlert error={end.error} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {tc('common.cancel')}
        </Button>
        <Button
          color="red"
          loading={end.isPending}
          data-testid="session-end-submit"
          onClick={() => end.mutate({ id: session.id, reason }, { onSuccess: onDone })}
        >
          {t('end')}
        </Button>
      </Group>
    </Stack>
  );
}

export function Sessions() {
  const { t } = useTranslation(NAMESPACE);
  const { t: tc } = useTranslation();
  const language = useLanguage();
  const sessions = useActiveSessions();
  const [ending, setEnding] = useState<ActiveSession | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const columns: Column<ActiveSession>[] = [
    {
      key: 'user',
      title: t('user'),
      render: (row) => (
        <Stack gap={0}>
          <Text size="sm">{row.userName}</Text>
          <Text size="xs" c="dimmed">
            {row.userEmail}
          </Text>
          {row.current ? (
            <Badge size="xs" variant="light" data-testid="session-current">
              {t('current')}
            </Badge>
          ) : null}
        </Stack>
      ),
      text: (row) => `${row.userName} ${row.userEmail}`,
    },
    { key: 'role', title: t('role'), render: (row) => tc(`roles.${row.role}`), text: (row) => `${row.role} ${tc(`roles.${row.role}`)}` },
    { key: 'createdAt', title: t('createdAt'), render: (row) => formatDateTime(row.createdAt, language) },
    { key: 'lastSeenAt', title: t('lastSeenAt'), render: (row) => formatDateTime(row.lastSeenAt, language) },
    {
      key: 'endsAt',
      title: t('endsAt'),
      render: (row) => (
        <Stack gap={0}>
          <Text size="sm">{formatDateTime(row.expiresAt, language)}</Text>
          <Text size="xs" c="dimmed">
            {t('idleEndsAt', { time: formatDateTime(row.idleExpiresAt, language) })}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'from',
      title: t('from'),
      render: (row) => (
        <Stack gap={0}>
          <Text size="sm">{row.ip || '—'}</Text>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {row.userAgent}
          </Text>
        </Stack>
      ),
      text: (row) => `${row.ip} ${row.userAgent}`,
    },
    {
      key: 'actions',
      title: tc('common.actions'),
      render: (row) => (
        <Button size="xs" variant="subtle" color="red" data-testid="session-end" onClick={() => setEnding(row)}>
          {t('end')}
        </Button>
      ),
    },
  ];

  return (
    <ListWithDialog
      title={t('title')}
      description={t('description')}
      notice={{ text: notice, testId: 'session-notice', onClose: () => setNotice(null) }}
      list={sessions}
      table={{
        testId: 'sessions-table',
        columns,
        rows: sessions.data,
        rowKey: (row) => row.id,
        loading: sessions.isLoading,
        empty: t('empty'),
        filterable: true,
      }}
      dialog={
        ending
          ? {
              title: t('confirmTitle', { name: ending.userName }),
              body: (
                <EndSession
                  key={ending.id}
                  session={ending}
                  onCancel={() => setEnding(null)}
                  onDone={() => {
                    setNotice(t('ended', { email: ending.userEmail }));
                    setEnding(null);
                  }}
                />
              ),
            }
          : null
      }
      onDialogClose={() => setEnding(null)}
    />
  );
}
