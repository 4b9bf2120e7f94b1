/**
 * Staff accounts: every user with role, agency and state; creating one (a publisher with its
 * agency) with an initial password; disabling and enabling; resetting a password, whose temporary
 * replacement is shown once.
 */
import { Alert, Button, Group, PasswordInput, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../../api/adminCatalogue';
import { useCreateUser, useResetPassword, useSetUserEnabled, useUsers } from '../../api/adminAccounts';
import type { UserAccount } from '../../api/adminAccounts';
import type { Role } from '../../api/session';
import { useUser } from '../../api/session';
import type { Column } from '../../components/DataTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { SecretOnce } from '../../components/SecretOnce';
import { StatusBadge } from '../../components/StatusBadge';
import { useDraft } from '../../hooks/useDraft';
import { ListWithDialog } from './ListWithDialog';
import type { OpenDialog } from './ListWithDialog';

const ROLES: Role[] = ['administrator', 'publisher', 'requester', 'evaluator'];
const MIN_PASSWORD = 12;

function CreateUser({ onDone }: { onDone: (email: string) => void }) {
  const { t } = useTranslation('administrator');
  const { t: tc } = useTranslation();
  const agencies = useAgencies();
  const create = useCreateUser();
  // The password is not kept in the draft: sessionStorage is no place for it.
  const [draft, setDraft, clearDraft] = useDraft('admin.user.create', {
    name: '',
    email: '',
    role: 'requester' as Role,
    agency: '',
    organization: '',
  });
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const passwordShort = password !== '' && password.length < MIN_PASSWORD;
  const agencyMissing = draft.role === 'publisher' && draft.agency === '';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (passwordShort || agencyMissing) return;
    create.mutate(
      {
        name: draft.name.trim(),
        email: draft.email.trim(),
        role: draft.role,
        ...(draft.role === 'publisher' || (draft.agency !== '' && draft.role !== 'administrator')
          ? { agency: draft.agency }
          : {}),
        ...(draft.organization.trim() ? { organization: draft.organization.trim() } : {}),
        ...(password ? { password } : {}),
      },
      {
        onSuccess: () => {
          clearDraft();
          setPassword('');
          onDone(draft.email.trim());
        },
      },
    );
  };
  const set = (key: keyof typeof draft) => (value: string) =>
    setDraft((current) => ({ ...current, [key]: value }));

  return (
    <form onSubmit={submit} data-testid="user-create-form">
      <Stack>
        <TextInput
          label={t('accounts.name')}
          required
          minLength={2}
          maxLength={200}
          value={draft.name}
          data-testid="user-name-input"
          onChange={(event) => set('name')(event.currentTarget.value)}
        />
        <TextInput
          label={t('accounts.email')}
          type="email"
          required
          value={draft.email}
          data-testid="user-email-input"
          onChange={(event) => set('email')(event.currentTarget.value)}
        />
        <Select
          label={t('accounts.role')}
          required
          allowDeselect={false}
          data={ROLES.map((role) => ({ value: role, label: tc(`roles.${role}`) }))}
          value={draft.role}
          data-testid="user-role-select"
          onChange={(value) => set('role')(value ?? 'requester')}
        />
        {draft.role !== 'administrator' ? (
          <Select
            label={t('accounts.agency')}
            description={t('accounts.agencyHint')}
            required={draft.role === 'publisher'}
            clearable
            searchable
            data={(agencies.data ?? []).map((agency) => ({ value: agency.slug, label: agency.name }))}
            value={draft.agency || null}
            error={tried && agencyMissing ? t('accounts.agencyRequired') : undefined}
            data-testid="user-agency-select"
            onChange={(value) => set('agency')(value ?? '')}
          />
        ) : null}
        <TextInput
          label={t('accounts.organization')}
          maxLength={200}
          value={draft.organization}
          data-testid="user-organization-input"
          onChange={(event) => set('organization')(event.currentTarget.value)}
        />
        <PasswordInput
          label={t('accounts.password')}
          description={t('accounts.passwordHint')}
          autoComplete="new-password"
          value={password}
          error={passwordShort && tried ? t('accounts.passwordShort') : undefined}
          data-testid="user-password-input"
          onChange={(event) => setPassword(event.currentTarget.value)}
        />
        {agencies.error ? (
          <ErrorAlert error={agencies.error} onRetry={() => void agencies.refetch()} />
        ) : null}
        {create.error ? <ErrorAlert error={create.error} /> : null}
        <Group justify="flex-end">
          <Button type="submit" loading={create.isPending} data-testid="user-create-submit">
            {t('accounts.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function DisableUser({
  user,
  onDone,
  onCancel,
}: {
  user: UserAccount;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation('administrator');
  const setEnabled = useSetUserEnabled();
  const [reason, setReason] = useState('');
  return (
    <Stack data-testid="user-disable-confirm">
      <Text size="sm">{t('accounts.disableBody')}</Text>
      <Textarea
        label={t('accounts.disableReason')}
        maxLength={2000}
        value={reason}
        data-testid="user-disable-reason"
        onChange={(event) => setReason(event.currentTarget.value)}
      />
      {setEnabled.error ? <ErrorAlert error={setEnabled.error} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common:common.cancel')}
        </Button>
        <Button
          color="red"
          loading={setEnabled.isPending}
          data-testid="user-disable-submit"
          onClick={() => setEnabled.mutate({ id: user.id, enabled: false, reason }, { onSuccess: onDone })}
        >
          {t('accounts.disable')}
        </Button>
      </Group>
    </Stack>
  );
}

function ResetPassword({ user, onCancel }: { user: UserAccount; onCancel: () => void }) {
  const { t } = useTranslation('administrator');
  const reset = useResetPassword();
  if (reset.isSuccess) {
    return reset.data ? (
      <SecretOnce label={t('accounts.temporaryPassword', { email: user.email })} value={reset.data} />
    ) : (
      <Alert color="green">{t('accounts.resetEmpty')}</Alert>
    );
  }
  return (
    <Stack data-testid="user-reset-confirm">
      <Text size="sm">{t('accounts.resetBody')}</Text>
      {reset.error ? <ErrorAlert error={reset.error} /> : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel}>
          {t('common:common.cancel')}
        </Button>
        <Button
          color="orange"
          loading={reset.isPending}
          data-testid="user-reset-submit"
          onClick={() => reset.mutate({ id: user.id })}
        >
          {t('accounts.resetPassword')}
        </Button>
      </Group>
    </Stack>
  );
}

type Dialog =
  { kind: 'create' } | { kind: 'disable'; user: UserAccount } | { kind: 'reset'; user: UserAccount } | null;

export function Accounts() {
  const { t } = useTranslation('administrator');
  const { t: tc } = useTranslation();
  const me = useUser();
  const users = useUsers();
  const agencies = useAgencies();
  const enable = useSetUserEnabled();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const agencyName = (slug: string | null) =>
    slug ? (agencies.data?.find((agency) => agency.slug === slug)?.name ?? slug) : '—';

  const columns: Column<UserAccount>[] = [
    { key: 'name', title: t('accounts.name'), render: (user) => user.name, text: (user) => user.name },
    { key: 'email', title: t('accounts.email'), render: (user) => user.email, text: (user) => user.email },
    {
      key: 'role',
      title: t('accounts.role'),
      render: (user) => tc(`roles.${user.role}`),
      text: (user) => `${user.role} ${tc(`roles.${user.role}`)}`,
    },
    {
      key: 'agency',
      title: t('accounts.agency'),
      render: (user) => agencyName(user.agency),
      text: (user) => `${user.agency ?? ''} ${agencyName(user.agency)} ${user.organization}`,
    },
    {
      key: 'state',
      title: t('accounts.state'),
      render: (user) => (
        <StatusBadge
          status={user.disabled ? 'disabled' : 'active'}
          label={user.disabled ? t('accounts.disabled') : t('accounts.active')}
        />
      ),
      text: (user) => (user.disabled ? t('accounts.disabled') : t('accounts.active')),
    },
    {
      key: 'actions',
      title: tc('common.actions'),
      render: (user) => (
        <Group gap={4} wrap="nowrap">
          {user.disabled ? (
            <Button
              size="xs"
              variant="light"
              color="green"
              data-testid="user-enable"
              loading={enable.isPending && enable.variables?.id === user.id}
              onClick={() => enable.mutate({ id: user.id, enabled: true })}
            >
              {t('accounts.enable')}
            </Button>
          ) : (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              data-testid="user-disable"
              disabled={user.id === me.id}
              onClick={() => setDialog({ kind: 'disable', user })}
            >
              {t('accounts.disable')}
            </Button>
          )}
          <Button
            size="xs"
            variant="subtle"
            data-testid="user-reset"
            onClick={() => setDialog({ kind: 'reset', user })}
          >
            {t('accounts.resetPassword')}
          </Button>
        </Group>
      ),
    },
  ];

  const openDialog: OpenDialog | null =
    dialog?.kind === 'create'
      ? {
          title: t('accounts.createTitle'),
          body: (
            <CreateUser
              onDone={(email) => {
                setDialog(null);
                setNotice(t('accounts.created', { email }));
              }}
            />
          ),
        }
      : dialog?.kind === 'disable'
        ? {
            title: t('accounts.disableTitle', { name: dialog.user.name }),
            body: (
              <DisableUser
                key={dialog.user.id}
                user={dialog.user}
                onCancel={() => setDialog(null)}
                onDone={() => setDialog(null)}
              />
            ),
          }
        : dialog?.kind === 'reset'
          ? {
              title: t('accounts.resetTitle', { name: dialog.user.name }),
              body: (
                <ResetPassword key={dialog.user.id} user={dialog.user} onCancel={() => setDialog(null)} />
              ),
            }
          : null;

  return (
    <ListWithDialog
      title={t('accounts.title')}
      description={t('accounts.description')}
      create={{
        label: t('accounts.create'),
        testId: 'user-create',
        onClick: () => setDialog({ kind: 'create' }),
      }}
      notice={{ text: notice, testId: 'user-notice', onClose: () => setNotice(null) }}
      errors={enable.error ? <ErrorAlert error={enable.error} /> : null}
      list={users}
      table={{
        testId: 'users-table',
        columns,
        rows: users.data,
        rowKey: (user) => user.id,
        loading: users.isLoading,
        filterable: true,
      }}
      dialog={openDialog}
      onDialogClose={() => setDialog(null)}
    />
  );
}
