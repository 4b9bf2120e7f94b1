/**
 * Serves the console (the React app built from console/ into console/dist) under /console/: files
 * that exist are sent as they are (hashed assets cached for good), every other path gets index.html
 * so that the app's own router answers it. `/` leads to the console. The pages carry a strict
 * Content-Security-Policy: only this origin's scripts, nothing fetched from elsewhere. None of it
 * looks up the caller: the pages are the same for everyone, and the app asks for its session itself.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { WITHOUT_AUTHENTICATION } from './authenticate.ts';

export const CONSOLE_DIST_DIR = fileURLToPath(new URL('../../console/dist/', import.meta.url));

// Mantine sets styles inline and GraphiQL's editor starts its workers from blob: URLs.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function notBuilt(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .type('text/html; charset=utf-8')
    .header('retry-after', '30')
    .send(
      '<!doctype html><meta charset="utf-8"><title>Penghubung</title>' +
        '<p>Konsol belum dibangun: jalankan <code>npm run console:build</code> lalu muat ulang halaman ini.</p>' +
        '<p lang="en">The console is not built yet: run <code>npm run console:build</code>, then reload this page.</p>',
    );
}

export async function registerConsole(app: FastifyInstance, distDir: string = CONSOLE_DIST_DIR): Promise<void> {
  // `serve: false`: only `reply.sendFile`, with its safe path resolution, ranges and ETags.
  await app.register(fastifyStatic, { root: distDir, serve: false });

  app.get('/', { schema: { hide: true }, config: WITHOUT_AUTHENTICATION }, (_request, reply) => reply.redirect('/console/'));
  app.get('/console', { schema: { hide: true }, config: WITHOUT_AUTHENTICATION }, (_request, reply) => reply.redirect('/console/'));
  app.get<{ Params: { '*': string } }>('/console/*', { schema: { hide: true }, config: WITHOUT_AUTHENTICATION }, (request, reply) => {
    const index = path.join(distDir, 'index.html');
    if (!existsSync(index)) return notBuilt(reply);
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    const relative = path.posix.normalize(request.params['*'] ?? '');
    // Only the build's own files: no way up, no dot-files.
    const isFile =
      relative !== '' &&
      !relative.split('/').some((segment) => segment.startsWith('.')) &&
      existsSync(path.join(distDir, relative));
    if (isFile && relative !== 'index.html') {
      // Vite names assets by content hash: a changed file gets a new name.
      const immutable = relative.startsWith('assets/');
      return reply.sendFile(relative, { maxAge: immutable ? '365d' : 0, immutable });
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { maxAge: 0 });
  });
}
