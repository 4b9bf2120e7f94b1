/**
 * The notifications the registry sends (webhook, e-mail) as administrators need to see them: the
 * ones that gave up after every attempt, with their last error and a way to send them again, and the
 * others by status.
 */
import { Button, Code, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notificationStatuses, useNotifications, useRetryNotification } from '../../api/notifications';
import type { NotificationStatus, OutgoingNotification } from '../../api/notifications';
import { DataTable } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageHeader } from '../../components/PageHeader';
import { StatusBadge } from '../../components/StatusBadge';
import { registerMessages, useLanguage } from '../../i18n';

const NAMESPACE = 'adminNotifications';
registerMessages(NAMESPACE, {
  id: {
    title: 'Notifikasi keluar',
    description: 'Webhook dan e-mail yang dikirim registry saat permohonan menunggu seseorang. Yang gagal setelah semua percobaan dapat dikirim ulang.',
    status: { failed: 'Gagal', pending: 'Menunggu', delivered: 'Terkirim', skipped: 'Dilewati' },
    event: 'Peristiwa',
    channel: 'Saluran',
    recipient: 'Penerima',
    attempts: 'Percobaan',
    lastError: 'Galat terakhir',
    occurredAt: 'Terjadi',
    retry: 'Kirim ulang',
    webhook: 'webhook',
    empty: 'Tidak ada notifikasi dengan status ini.',
  },
  en: {
    title: 'Outgoing notifications',
    description: 'Webhooks and e-mails the registry sends when a request waits for someone. Those that failed after every attempt can be sent again.',
    status: { failed: 'Failed', pending: 'Pending', delivered: 'Delivered', skipped: 'Skipped' },
    event: 'Event',
    channel: 'Channel',
    recipient: 'Recipient',
    attempts: 'Attempts',
    lastError: 'Last error',
    occurredAt: 'Occurred',
    retry: 'Send again',
    webhook: 'webhook',
    empty: 'No notification with this status.',
  },
});

const PAGE_SIZE = 20;

export function Notifications() {
  const { t } = useTranslation(NAMESPACE);
  const language = useLanguage();
  const [status, setStatus] = useState<NotificationStatus>('failed');
  const [page, setPage] = useState(1);
  const list = useNotifications(status, page, PAGE_SIZE);
  const retry = useRetryNotification();

  return (
    <Stack>
      <PageHeader title={t('title')} description={t('description')} />
      <SegmentedControl
        data-testid="notification-status"
        value={status}
        onChange={(value) => {
          setStatus(value as NotificationStatus);
          setPage(1);
        }}
        data={notificationStatuses.map((value) => ({ value, label: t(`status.${value}`) }))}
      />
      {list.error ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
      {retry.error ? <ErrorAlert error={retry.error} /> : null}
      <DataTable<OutgoingNotification>
        testId="notifications-table"
        rows={list.data?.items}
        total={list.data?.total ?? 0}
        page={page}
        onPageChange={setPage}
        pageSize={PAGE_SIZE}
        loading={list.isFetching}
        rowKey={(row) => row.id}
        empty={t('empty')}
        columns={[
          {
            key: 'occurredAt',
            title: t('occurredAt'),
            render: (row) => new Date(row.occurredAt).toLocaleString(language === 'en' ? 'en-GB' : 'id-ID', { timeZone: 'Asia/Jakarta' }),
          },
          { key: 'event', title: t('event'), render: (row) => <Code>{row.event}</Code> },
          { key: 'channel', title: t('channel'), render: (row) => (row.channel === 'webhook' ? t('webhook') : 'e-mail') },
          { key: 'recipient', title: t('recipient'), render: (row) => row.recipient || '–' },
          { key: 'status', title: '', render: (row) => <StatusBadge status={row.status} label={t(`status.${row.status}`)} /> },
          { key: 'attempts', title: t('attempts'), render: (row) => String(row.attempts) },
          {
            key: 'lastError',
            title: t('lastError'),
            render: (row) => (
              <Text size="xs" c="red" lineClamp={3}>
                {row.lastError ?? ''}
              </Text>
            ),
          },
          {
            key: 'retry',
            title: '',
            render: (row) =>
              row.status === 'failed' ? (
                <Button
                  size="xs"
                  variant="light"
                  data-testid="notification-retry"
                  loading={retry.isPending && retry.variables === row.id}
                  onClick={() => retry.mutate(row.id)}
                >
                  {t('retry')}
                </Button>
              ) : null,
          },
        ]}
      />
    </Stack>
  );
}
