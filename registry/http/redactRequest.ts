/**
 * Request log lines without personal data: the evaluator's `value=` filter carries a NIK or NIP in
 * the query string, which must not land in the process log in clear.
 */
export function redactedRequest(request: { method: string; url: string; ip?: string }) {
  return { method: request.method, url: request.url.replace(/([?&]value=)[^&]*/g, '$1[disamarkan]'), remoteAddress: request.ip };
}
