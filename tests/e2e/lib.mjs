// Shared helpers for the browser end-to-end tests: a static server for build/wasm-release/web/,
// Debian's browsers (never a downloaded one), widget clicks by id.
//  - launch()/openApp()/clickId()/waitIdle(): Chromium through playwright-core (the older tests).
//  - launchEngine(): ONE page API over two drivers, so a test runs unchanged in both engines:
//    Chromium through playwright-core, Firefox ESR through puppeteer-core over WebDriver BiDi
//    (headed under a private Xvfb: headless Firefox has no WebGL here). SELFCHECK_ENGINE picks it.
import { createServer } from 'node:http';
import { readFile, stat, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SITE = path.join(ROOT, 'build/wasm-release/web');
export const CHROMIUM = process.env.SELFCHECK_CHROMIUM || '/usr/bin/chromium';
export const FIREFOX = process.env.SELFCHECK_FIREFOX || '/usr/bin/firefox-esr';
export const ENGINE = process.env.SELFCHECK_ENGINE || 'chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.wasm': 'application/wasm', '.data': 'application/octet-stream', '.json': 'application/json',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json',
};

// Serve the site on 127.0.0.1 at a free port. Returns {url, close(), received}. `routes` maps a
// path to a handler(req, res, body) (e.g. a stub receiver on the same origin).
export async function serveSite(dir = SITE, routes = {}) {
  const server = createServer(async (req, res) => {
    try {
      const route = routes[new URL(req.url, 'http://x').pathname];
      if (route) {
        const chunks = [];
        for await (const c of req) chunks.push(c);
        return route(req, res, Buffer.concat(chunks).toString('utf8'));
      }
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

// Navigate `page` to the app and wait for window.selfcheck.ready (first frame drawn); returns the
// page errors and console errors collected from then on.
async function loadApp(page, url) {
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  await page.waitForFunction(() => window.selfcheck && window.selfcheck.ready, null, { timeout: 30000 });
  await page.evaluate(() => window.selfcheck.ready);
  return errors;
}

// Open the app in a new page of the browser's default context. Collects console errors.
export async function openApp(browser, url, { width = 1100, height = 700 } = {}) {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors = await loadApp(page, url);
  return { page, errors };
}

// A page in its own browser context (empty storage: a first visit), app ready and storage opened.
// Collects page errors and console errors.
export async function openFresh(browser, url, { width = 1366, height = 768 } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = await loadApp(page, url);
  await page.waitForFunction(() => window.selfcheck.storage().status !== 'opening', null, { timeout: 10000 });
  return { context, page, errors };
}

// Wait until n more frames are drawn, or the loop is idle (nothing left to draw).
export async function afterFrames(page, n = 2) {
  const f0 = await page.evaluate(() => window.selfcheck.frames());
  await page.waitForFunction(([f, k]) => window.selfcheck.frames() >= f + k || window.selfcheck.idle(), [f0, n]);
}

// In the page: the rect of `id` once the frame it was read from is settled (see clickId), else false.
function settledRect(i) {
  const s = window.selfcheck, r = s.items()[i];
  const m = (window.__clickSettle ||= {});
  if (!r) { m.id = null; return false; }
  if (s.idle()) return r;
  const k = r.join(','), f = s.frames();
  if (m.id !== i || m.k !== k) { m.id = i; m.k = k; m.f = f; return false; }
  return f >= m.f + 3 ? r : false;
}

// Click the centre of the widget recorded under `id`, read from a settled frame: the loop is idle,
// or the rect has stayed the same over three drawn frames (a screen that keeps drawing). A rect read
// from the frame right after a layout change (language switch, tour step, window resize) could
// still be the old layout's: CI clicked 'nav.tour' at its English position once and missed.
// Returns once the app has drawn a frame after the click: the loop may still have been idle when the
// click arrived, so a caller reading items() or clicking again right away would otherwise read the
// layout from before it (CI: the language switch at the end of one test, then 'nav.tour' clicked
// at its old place by the next, and the tour never opened).
export async function clickId(page, id) {
  const r = await page.waitForFunction(settledRect, id, { timeout: 10000, polling: 'raf' }).then(h => h.jsonValue());
  const box = await page.locator('#canvas').boundingBox();
  const f0 = await page.evaluate(() => window.selfcheck.frames());
  await page.mouse.click(box.x + (r[0] + r[2]) / 2, box.y + (r[1] + r[3]) / 2);
  await page.waitForFunction(f => window.selfcheck.frames() > f, f0, { timeout: 10000, polling: 'raf' });
}

// Scroll the region tracked as `containerId` (a table or list with its own scroll bar) with the
// mouse wheel, as a user does, until the widget `id` is drawn in its visible part (items() holds only
// what is visible, clipped to the region). Each step waits for the frames of the scroll, not time.
export async function scrollTo(page, id, containerId, { steps = 40, delta = 120 } = {}) {
  for (let i = 0; i < steps; i++) {
    const [it, c] = await page.evaluate(([a, b]) => { const all = window.selfcheck.items(); return [all[a], all[b]]; }, [id, containerId]);
    if (it && it[3] - it[1] >= 8) return;  // enough of it in view to click
    if (!c) throw new Error(`scrollTo: no ${containerId} on screen`);
    const box = await page.locator('#canvas').boundingBox();
    await page.mouse.move(box.x + (c[0] + c[2]) / 2, box.y + (c[1] + c[3]) / 2);
    const f0 = await page.evaluate(() => window.selfcheck.frames());
    await page.mouse.wheel(0, delta);
    await page.waitForFunction(f => window.selfcheck.frames() >= f + 3, f0);
  }
  throw new Error(`scrollTo: ${id} not in view after ${steps} steps in ${containerId}`);
}

// Wait until the render loop has stopped (window.selfcheck.idle(): nothing pending, the loop paused
// until the next input) and return the frame count, which then holds still. State, not time: the
// second argument (a settle time in earlier versions) is ignored.
export async function waitIdle(page, _unused = 0, timeout = 10000) {
  try {
    await page.waitForFunction(() => window.selfcheck.idle(), null, { timeout });
  } catch (e) {
    const n = await page.evaluate(() => window.selfcheck.frames());
    throw new Error(`still rendering after ${timeout} ms (${n} frames)`);
  }
  return page.evaluate(() => window.selfcheck.frames());
}

// ---------------------------------------------------------------- one API, two drivers
// In-page helpers installed before the app's scripts, the same in both engines:
//  - downloads: a click on <a download href=blob:...> is captured into window.__downloads
//    ({name, text}) instead of handing a file to the browser;
//  - file chooser: set window.__nextFile = {name, text} (or {name, b64, type} for bytes); the next
//    <input type=file>.click() gets it.
const PAGE_HELPERS = `(() => {
  window.__downloads = [];
  const aClick = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    if (this.download && String(this.href).startsWith('blob:')) {
      const entry = { name: this.download, text: null };
      window.__downloads.push(entry);
      fetch(this.href).then(r => r.text()).then(t => { entry.text = t; });
      return;
    }
    return aClick.call(this);
  };
  const iClick = HTMLInputElement.prototype.click;
  HTMLInputElement.prototype.click = function () {
    if (this.type === 'file' && window.__nextFile) {
      const f = window.__nextFile; window.__nextFile = null;
      const dt = new DataTransfer();
      const data = f.b64 ? Uint8Array.from(atob(f.b64), c => c.charCodeAt(0)) : f.text;  // bytes, or text
      dt.items.add(new File([data], f.name, { type: f.type || 'application/json' }));
      this.files = dt.files;
      this.dispatchEvent(new Event('change'));
      return;
    }
    return iClick.call(this);
  };
})();`;

const initSource = init => (typeof init === 'function' ? `(${init})();` : String(init || ''));

// A private X server for headed Firefox: Xvfb picks a free display and reports it on fd 3.
async function startXvfb() {
  const x = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'],
                  { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  const display = await new Promise((resolve, reject) => {
    let buf = '';
    x.stdio[3].on('data', d => { buf += d; if (buf.includes('\n')) resolve(':' + buf.trim()); });
    x.on('error', reject);
    x.on('exit', code => reject(new Error(`Xvfb exited (${code}): apt-get install xvfb`)));
  });
  return { display, stop: () => x.kill('SIGTERM') };
}

// Tabs of one session share a window: only the front one draws (its requestAnimationFrame runs;
// the others get a frame now and then, or none in Firefox). A user types into and looks at the tab
// in front, so every input and every wait first brings its page to the front (a tab switch), and
// waits poll on a timer, never on the page's own animation frames.
class Page {
  constructor(engine, raw, errors, tabs) { this.engine = engine; this.raw = raw; this.errors = errors; this.tabs = tabs || { front: null }; }
  async front() {
    if (this.tabs.front === this) return;
    await this.raw.bringToFront();
    this.tabs.front = this;
  }
  goto(url) { return this.raw.goto(url); }
  reload() { return this.raw.reload(); }
  evaluate(fn, arg) { return this.raw.evaluate(fn, arg); }
  // Wait until fn(arg) in the page is truthy (state, never time).
  async waitFor(fn, arg, { timeout = 15000 } = {}) {
    await this.front();
    if (this.engine === 'chromium') return this.raw.waitForFunction(fn, arg, { timeout, polling: 50 });
    return this.raw.waitForFunction(fn, { timeout, polling: 50 }, arg);
  }
  async click(x, y) { await this.front(); await this.raw.mouse.click(x, y); }
  async press(key) {
    await this.front();
    if (this.engine === 'chromium') return this.raw.keyboard.press(key);
    const parts = key.split('+');
    const main = parts.pop();
    for (const m of parts) await this.raw.keyboard.down(m);
    await this.raw.keyboard.press(main.length === 1 ? main.toLowerCase() : main);
    for (const m of parts.reverse()) await this.raw.keyboard.up(m);
  }
  // Text as an IME or paste commits it: one input event with the whole string.
  async insertText(text) {
    await this.front();
    if (this.engine === 'chromium') return this.raw.keyboard.insertText(text);
    await this.raw.evaluate(t => document.execCommand('insertText', false, t), text);
  }
  screenshot(file) { return this.raw.screenshot({ path: file }); }
  close() { return this.raw.close(); }

  // ---- the app
  async ready() {
    await this.waitFor(() => window.selfcheck && window.selfcheck.ready, undefined, { timeout: 45000 });
    await this.evaluate(() => window.selfcheck.ready);
    await this.waitFor(() => window.selfcheck.storage().status !== 'opening');
  }
  storage() { return this.evaluate(() => window.selfcheck.storage()); }
  async doc() { return JSON.parse(await this.evaluate(() => window.selfcheck.document())); }
  frames() { return this.evaluate(() => window.selfcheck.frames()); }
  // After an input: n more frames, or the loop already idle (the input was taken and settled before
  // f0 was read: waiting for frames then would wait forever, as the app draws none while idle).
  async afterFrames(n = 2) {
    const f0 = await this.frames();
    await this.waitFor(([f, k]) => window.selfcheck.frames() >= f + k || window.selfcheck.idle(), [f0, n]);
  }
  async clickId(id) {
    const h = await this.waitFor(settledRect, id);
    const r = await h.jsonValue();
    const box = await this.evaluate(() => {
      const b = document.getElementById('canvas').getBoundingClientRect();
      return { x: b.x, y: b.y };
    });
    const f0 = await this.frames();
    await this.click(box.x + (r[0] + r[2]) / 2, box.y + (r[1] + r[3]) / 2);
    await this.waitFor(f => window.selfcheck.frames() > f, f0);  // drawn after the click (see clickId above)
  }
  async typeInto(id, text, { replace = true } = {}) {
    await this.clickId(id);
    await this.waitFor(() => document.activeElement && document.activeElement.id === 'ime');
    if (replace) {
      await this.press('Control+A');
      await this.afterFrames();
    }
    await this.insertText(text);
  }
  async load(text) {
    const r = await this.evaluate(t => window.selfcheck.load(t), text);
    if (!r.ok) throw new Error('load failed: ' + JSON.stringify(r.errors));
    await this.waitSaved();
  }
  async waitSaved(timeout = 5000) {
    await this.waitFor(() => { const s = window.selfcheck.storage(); return s.current_id && s.saved_revision === s.revision; },
                       undefined, { timeout });
  }
  // The n-th captured download once its bytes arrived: {name, text}.
  async download(n = 0) {
    await this.waitFor(k => window.__downloads && window.__downloads[k] && window.__downloads[k].text !== null, n);
    return this.evaluate(k => window.__downloads[k], n);
  }
  setNextFile(name, text) { return this.evaluate(([n, t]) => { window.__nextFile = { name: n, text: t }; }, [name, text]); }
  // The same with raw bytes (a Buffer/Uint8Array: GBK text, an XLSX zip) and a MIME type.
  setNextFileBytes(name, bytes, type = 'application/octet-stream') {
    const b64 = Buffer.from(bytes).toString('base64');
    return this.evaluate(([n, b, t]) => { window.__nextFile = { name: n, b64: b, type: t }; }, [name, b64, type]);
  }
}

// Launch `engine` ('chromium' | 'firefox'). Throws (the test fails, never skips) if the browser is
// missing. Returns {engine, session(opts), close()}; a session is one profile (own IndexedDB).
export async function launchEngine(engine = ENGINE) {
  if (engine === 'chromium') {
    const b = await launch();
    return {
      engine,
      async session({ width = 1280, height = 800, init } = {}) {
        const context = await b.newContext({ viewport: { width, height } });
        await context.addInitScript({ content: PAGE_HELPERS + initSource(init) });
        const tabs = { front: null };
        return {
          async page() {
            const raw = await context.newPage();
            const errors = [];
            raw.on('pageerror', e => errors.push(String(e)));
            raw.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
            return (tabs.front = new Page(engine, raw, errors, tabs));  // a new tab opens in front
          },
          close: () => context.close(),
        };
      },
      close: () => b.close(),
    };
  }
  if (engine !== 'firefox') throw new Error(`unknown engine ${engine}`);
  if (!existsSync(FIREFOX)) throw new Error(`Firefox not found at ${FIREFOX}: run scripts/bootstrap`);
  const { default: puppeteer } = await import('puppeteer-core');
  const xvfb = process.env.DISPLAY ? null : await startXvfb();
  const profile = await mkdtemp(path.join(os.tmpdir(), 'sc-ff-'));
  let b;
  try {
    b = await puppeteer.launch({
      browser: 'firefox', protocol: 'webDriverBiDi', executablePath: FIREFOX, headless: false,
      userDataDir: profile,
      env: { ...process.env, DISPLAY: xvfb ? xvfb.display : process.env.DISPLAY, MOZ_CRASHREPORTER_DISABLE: '1' },
      extraPrefsFirefox: { 'dom.disable_open_during_load': false, 'browser.shell.checkDefaultBrowser': false },
    });
  } catch (e) { xvfb?.stop(); throw e; }
  return {
    engine,
    async session({ width = 1280, height = 800, init } = {}) {
      const context = await b.createBrowserContext();
      const tabs = { front: null };
      return {
        async page() {
          const raw = await context.newPage();
          await raw.setViewport({ width, height });
          await raw.evaluateOnNewDocument(PAGE_HELPERS + initSource(init));
          const errors = [];
          raw.on('pageerror', e => errors.push(String(e)));
          raw.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
          return (tabs.front = new Page(engine, raw, errors, tabs));  // a new tab opens in front
        },
        close: () => context.close(),
      };
    },
    async close() {
      await b.close().catch(() => {});
      xvfb?.stop();
      await rm(profile, { recursive: true, force: true }).catch(() => {});
    },
  };
}
