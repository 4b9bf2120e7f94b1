/**
 * What a person sees who opens the GraphQL endpoint in a browser: instead of a raw 401 JSON body, a
 * short bilingual page saying that this is an API, that queries need an API key, and where the
 * console (with its explorer and the access request form) is. Only a plain browser visit gets it: a
 * GET without `query` whose Accept header asks for HTML. Nothing of the data is involved, so the
 * visit is not an access and is not logged.
 */
import type { FastifyRequest } from 'fastify';

export function isBrowserVisit(request: FastifyRequest): boolean {
  if (request.method !== 'GET') return false;
  const query = request.query as Record<string, unknown> | undefined;
  if (query && 'query' in query) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);

export const BROWSER_LANDING_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function browserLandingPage(consoleUrl: string | undefined): string {
  const link = consoleUrl ? escapeHtml(consoleUrl) : null;
  const consoleId = link
    ? `<p>Untuk menjelajah skema dan mencoba kueri dengan kunci API Anda, atau memohon akses, buka <a href="${link}">konsol Penghubung</a>.</p>`
    : '<p>Untuk menjelajah skema dan memohon akses, buka konsol Penghubung di registry instansi Anda (<code>/console/</code>).</p>';
  const consoleEn = link
    ? `<p>To explore the schema and try queries with your API key, or to request access, open the <a href="${link}">Penghubung console</a>.</p>`
    : "<p>To explore the schema and request access, open the Penghubung console on your installation's registry (<code>/console/</code>).</p>";
  return `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Penghubung — endpoint GraphQL</title>
<style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#222}code{background:#f2f2f2;padding:0 .25rem}section+section{margin-top:2rem;border-top:1px solid #ddd}</style>
</head><body>
<section><h1>Endpoint GraphQL Penghubung</h1>
<p>Ini adalah API, bukan halaman web. Kirim kueri dengan <code>POST</code> berisi JSON <code>{"query": "…"}</code> dan header <code>Authorization: Bearer &lt;kunci API&gt;</code>.</p>
${consoleId}</section>
<section lang="en"><h2>Penghubung GraphQL endpoint</h2>
<p>This is an API, not a web page. Send queries with <code>POST</code>, a JSON body <code>{"query": "…"}</code> and the header <code>Authorization: Bearer &lt;API key&gt;</code>.</p>
${consoleEn}</section>
</body></html>
`;
}
