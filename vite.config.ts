import { build, defineConfig, type Plugin } from 'vite';
import preact from '@preact/preset-vite';
import { VitePWA } from 'vite-plugin-pwa';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The map chunk (Leaflet) is loaded by a dynamic import; preloading it from index.html lets it
 * download in parallel with the entry instead of after it (the map is on the first screen). Its
 * own imports too: a modulepreload fetches the one module, and on a slow phone asking for them
 * only when the map is made was one more round trip before the first markers. (Leaflet's
 * stylesheet is in the app's own, main.tsx: one added when the map is made restyled the page.)
 */
function preloadMapChunk(): Plugin {
  return {
    name: 'yizhan:preload-map-chunk',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml(html, ctx) {
      if (ctx.path !== '/index.html') return html; // the PWA's page only
      const chunk = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.name === 'create-map');
      if (chunk?.type !== 'chunk') return html;
      const js = [chunk.fileName, ...chunk.imports].filter((f) => !html.includes(`/${f}"`));
      return js.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: '', href: `/${f}` }, injectTo: 'head' as const }));
    },
  };
}

/**
 * Writes .br and .gz beside each text asset, so the server sends them compressed without
 * compressing on every request (serveStatic({ precompressed: true }) picks them).
 */
function precompress(): Plugin {
  return {
    name: 'yizhan:precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      const outDir = options.dir!;
      const files = [...Object.keys(bundle), 'index.html'].filter((f) => /\.(js|css|html|svg|webmanifest)$/.test(f));
      for (const f of new Set(files)) {
        const path = join(outDir, f);
        const data = readFileSync(path);
        if (data.length < 1024) continue;
        writeFileSync(`${path}.br`, brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        writeFileSync(`${path}.gz`, gzipSync(data, { level: 9 }));
      }
    },
  };
}

/**
 * The merchant/admin app (web/business/, served at /business/) is a second, separate Vite build
 * run after the PWA's: the two share no chunks, so the PWA's first load stays exactly as it is,
 * and the PWA's service worker never precaches the business app (see globIgnores below).
 * Its page lands in business/index.html, its files in assets/business/ (long-cached like /assets/*).
 */
function businessApp(): Plugin {
  let root = '';
  let outDir = '';
  let mode = 'production';
  return {
    name: 'yizhan:business-app',
    apply: (config, env) => env.command === 'build' && !env.isSsrBuild,
    configResolved(c) {
      root = c.root;
      outDir = c.build.outDir;
      mode = c.mode;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        await build({
          configFile: false,
          root,
          mode,
          logLevel: 'warn',
          plugins: [preact(), precompress()],
          build: {
            outDir,
            emptyOutDir: false,
            assetsDir: 'assets/business',
            target: 'es2020',
            rollupOptions: { input: join(root, 'business/index.html') },
          },
        });
      },
    },
  };
}

const THEME = '#8f3300';

export default defineConfig({
  root: 'web',
  plugins: [
    preact(),
    preloadMapChunk(),
    precompress(),
    businessApp(),
    VitePWA({
      // Our own worker (web/sw.ts, compiled with its precache list) registered by web/lib/sw-bridge.ts.
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: 'manifest.webmanifest',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,png,svg,webmanifest}'],
        // the merchant/admin app is not part of the offline PWA; Leaflet's PNGs are never shown (see assetsInlineLimit)
        globIgnores: ['business/**', 'assets/business/**', 'assets/layers-*.png', 'assets/marker-icon-*.png'],
        // The opening-hours parser is large; offline (issue 4) needs it, so it is precached too.
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
      },
      manifest: {
        id: '/',
        name: '驿站 · 工会服务站地图',
        short_name: '驿站',
        description: '找到最近的工会驿站、户外劳动者服务站和司机之家，以及会员优惠商户。',
        lang: 'zh-CN',
        dir: 'ltr',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: THEME,
        background_color: '#ffffff',
        categories: ['navigation', 'travel', 'utilities'],
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
    }),
  ],
  build: {
    outDir: '../dist/web', emptyOutDir: true, target: 'es2020', sourcemap: true, // maps are not precached (globPatterns)
    // modulepreload is a hint: a browser without it (Safari before 17) loads the map chunk when the
    // app imports it; the polyfill was 0.4 KB of every first load to fetch it a little earlier there
    modulePreload: { polyfill: false },
    // Leaflet's stylesheet names three PNGs (the layers control, the default marker) the app never
    // shows: inlined, they were 4.5 KB of every first load's CSS; as files they are never fetched
    assetsInlineLimit: (file) => (file.includes('/node_modules/leaflet/') ? false : undefined),
  },
  server: { proxy: { '/api': 'http://localhost:8787' } },
});
