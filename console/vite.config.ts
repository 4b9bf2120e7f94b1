/**
 * The console's build: a single-page app served by the registry under /console/. Every asset is
 * bundled into console/dist (no CDN, no fonts fetched from outside), so the console works on a
 * government intranet without internet.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // GraphiQL's editor is large; the explorer page loads it on demand.
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      output: {
        // Each role's section is a chunk of its own (App.tsx loads it after sign-in); named by the
        // role rather than by its file name, routes.tsx, that every section shares.
        chunkFileNames(chunk) {
          const section = /pages\/(\w+)\/routes\.tsx$/.exec(chunk.facadeModuleId ?? '');
          return section ? `assets/${section[1]}-[hash].js` : 'assets/[name]-[hash].js';
        },
      },
      // GraphiQL and React's compiler runtime mark modules "use no memo", a directive bundling drops
      // on purpose; the warning would fill `npm start`'s output on every build.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run console:dev`: the pages from Vite, the API from a registry on its default port.
    proxy: { '/v1': process.env.PENGHUBUNG_REGISTRY_URL ?? 'http://127.0.0.1:4100' },
  },
});
