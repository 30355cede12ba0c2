// Shared helpers for the browser end-to-end tests: a static server for build/wasm-release/web/,
// Debian's Chromium through playwright-core (never a downloaded browser), widget clicks by id.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = path.join(ROOT, 'build/wasm-release/web');
export const CHROMIUM = process.env.SELFCHECK_CHROMIUM || '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.data': 'application/octet-stream', '.json': 'application/json',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

// Serve the site on 127.0.0.1 at a free port. Returns {url, close()}.
export async function serveSite(dir = SITE) {
  const server = createServer(async (req, res) => {
    try {
      let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (p.endsWith('/')) p += 'index.html';
      const file = path.join(dir, path.normalize(p));
      if (!file.startsWith(dir) || !(await stat(file)).isFile()) throw new Error('not found');
      res.writeHead(200, { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise(r => server.close(r)) };
}

// Launch Debian's Chromium with software GL. Throws (the test fails, never skips) if it is missing.
export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run scripts/bootstrap`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--use-gl=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Open the app and wait for window.selfcheck.ready (first frame drawn). Collects console errors.
export async function openApp(browser, url, { width = 1100, height = 700 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => window.selfcheck && window.selfcheck.ready, null, { timeout: 30000 });
  await page.evaluate(() => window.selfcheck.ready);
  return { page, errors };
}

// Click the centre of the widget recorded under `id` in the last frame.
export async function clickId(page, id) {
  await page.waitForFunction(i => window.selfcheck.items()[i], id, { timeout: 10000 });
  const r = await page.evaluate(i => window.selfcheck.items()[i], id);
  const box = await page.locator('#canvas').boundingBox();
  await page.mouse.click(box.x + (r[0] + r[2]) / 2, box.y + (r[1] + r[3]) / 2);
}

// Frames stop when idle: wait until the count holds still for `ms`.
export async function waitIdle(page, ms = 1000, timeout = 10000) {
  const t0 = Date.now();
  let last = await page.evaluate(() => window.selfcheck.frames());
  for (;;) {
    await page.waitForTimeout(ms);
    const now = await page.evaluate(() => window.selfcheck.frames());
    if (now === last) return now;
    if (Date.now() - t0 > timeout) throw new Error(`still rendering after ${timeout} ms (${now} frames)`);
    last = now;
  }
}
