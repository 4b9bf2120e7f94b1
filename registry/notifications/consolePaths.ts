/**
 * The console pages where each role acts on what it is told about: the inbox (GET /v1/inbox) links to
 * them and the e-mails point at them. One place, so the counts, the mails and the pages agree.
 */
export const CONSOLE_PATHS = {
  /** Administrator: access requests waiting for approval. */
  adminRequests: '/console/admin/permohonan',
  /** Publisher: approved requests touching its agency's fields. */
  publisherRequests: '/console/penerbit/permohonan',
  /** Publisher: publishes by other agencies that reach its fields, waiting for its consent. */
  publisherChanges: '/console/penerbit/perubahan',
  /** Requester: its own access requests and their decisions. */
  requesterRequests: '/console/pemohon/permohonan',
} as const;

/** `path` (a `/console/...` path) under the console's public address, e.g. `https://splp.go.id/console`. */
export function consoleLink(consoleUrl: string, path: string): string {
  return `${consoleUrl.replace(/\/+$/, '')}${path.replace(/^\/console/, '')}`;
}
