// Renders the app icons (PNG) from one SVG with Debian's Chromium: `node web/scripts/make-icons.mjs`.
// The PNGs are committed under web/public/icons/; run this again only when the design changes.
// There is no SVG favicon: its 驿 is text, and a page drawing it loads a bold CJK font on its main
// thread (a 250 ms layout in Chromium on Linux, before the first answer) for a 16-pixel picture.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const out = new URL('../public/icons/', import.meta.url).pathname;
const ACCENT = '#8f3300';

/** The mark: a white roof-and-door shelter under the character 驿 on the warm accent. `pad` 0..1 keeps it in the safe zone. */
function svg(size, { maskable }) {
  const r = maskable ? 0 : size * 0.22; // maskable icons are full-bleed; the launcher cuts the shape
  const scale = maskable ? 0.62 : 0.8;
  const s = size * scale;
  const o = (size - s) / 2;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">
  <rect width="${size}" height="${size}" rx="${r}" fill="${ACCENT}"/>
  <g transform="translate(${o} ${o}) scale(${s / 100})" fill="none" stroke="#fff" stroke-width="7" stroke-linejoin="round" stroke-linecap="round">
    <path d="M12 44 L50 14 L88 44"/>
    <path d="M22 38 V86 H78 V38"/>
    <text x="50" y="77" text-anchor="middle" font-size="40" font-weight="700" fill="#fff" stroke="none"
      font-family="'Noto Sans CJK SC','Noto Sans SC',sans-serif">驿</text>
  </g>
</svg>`;
}

const targets = [
  ['icon-192.png', 192, false],
  ['icon-512.png', 512, false],
  ['maskable-192.png', 192, true],
  ['maskable-512.png', 512, true],
  ['apple-touch-icon.png', 180, true],
  ['favicon-32.png', 32, false],
];

mkdirSync(out, { recursive: true });
const dir = mkdtempSync(join(tmpdir(), 'icons-'));
const args = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];
const ctx = await chromium.launchPersistentContext(dir, { executablePath: '/usr/bin/chromium', headless: false, args });
const page = await ctx.newPage();
for (const [name, size, maskable] of targets) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<body style="margin:0">${svg(size, { maskable })}</body>`);
  await page.screenshot({ path: join(out, name), omitBackground: !maskable, clip: { x: 0, y: 0, width: size, height: size } });
  console.log('wrote', name);
}
await ctx.close();
rmSync(dir, { recursive: true, force: true });
