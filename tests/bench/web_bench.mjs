// Browser half of scripts/bench: weight, start, idle, frame cost and wasm memory of the static site
// build/wasm-release/web/ in Debian's headless Chromium (playwright-core, same launch as tests/e2e/).
// Prints one JSON object on stdout. Not a test: numbers depend on the machine.
//   node tests/bench/web_bench.mjs [--runs N] [--idle-seconds S]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { ROOT, SITE, launch } from '../e2e/lib.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const RUNS = arg('--runs', 5);
const IDLE_S = arg('--idle-seconds', 10);
const median = a => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor((s.length - 1) / 2)] : null; };
const round = (x, d = 1) => (x == null ? null : +x.toFixed(d));

// A static server like a plain web host: ETag + Cache-Control so a second visit can use the HTTP
// cache (and a service worker, once the site has one, its own cache).
const MIME = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.wasm': 'application/wasm',
  '.data': 'application/octet-stream', '.json': 'application/json', '.webmanifest': 'application/manifest+json',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.otf': 'font/otf', '.woff2': 'font/woff2' };
async function serve(dir) {
  const server = createServer(async (req, res) => {
    try {
      let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      if (p.endsWith('/')) p += 'index.html';
      const file = path.join(dir, path.normalize(p));
      const st = await stat(file);
      if (!file.startsWith(dir) || !st.isFile()) throw new Error('not found');
      const etag = `"${st.size}-${st.mtimeMs}"`;
      const headers = { 'Content-Type': MIME[path.extname(file)] || 'application/octet-stream', ETag: etag,
        'Cache-Control': 'max-age=3600' };
      if (req.headers['if-none-match'] === etag) { res.writeHead(304, headers); res.end(); return; }
      res.writeHead(200, headers);
      res.end(await readFile(file));
    } catch {
      res.writeHead(404); res.end('not found');
    }
  });
  await new Promise(r => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => new Promise(r => server.close(r)) };
}

// Runs before any page script: note when window.selfcheck.ready resolves (ms since navigation
// start) and time every requestAnimationFrame callback (the app's frame work) that drew a frame.
const INIT = () => {
  window.__bench = { firstFrame: null, frameMs: [], tracking: false };
  Object.defineProperty(window, 'selfcheck', {
    configurable: true,
    set(v) {
      Object.defineProperty(window, 'selfcheck', { value: v, writable: true, configurable: true });
      Promise.resolve(v.ready).then(() => { window.__bench.firstFrame = performance.now(); });
    },
  });
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = cb => raf(ts => {
    const b = window.__bench;
    if (!b.tracking) return cb(ts);
    const n0 = window.selfcheck.frames();
    const t0 = performance.now();
    const r = cb(ts);
    const t1 = performance.now();
    if (window.selfcheck.frames() !== n0) b.frameMs.push(t1 - t0);
    return r;
  });
};

function cpuSecondsOf(rootPid) {
  // utime + stime of the Chromium processes descending from rootPid (this node process, which
  // launched the browser): browser, renderer, GPU, utility processes.
  const hz = 100;
  const procs = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const s = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8');
      procs.push({ pid: +d, ppid: +f[1], cpu: (+f[11] + +f[12]) / hz, chromium: /chrom/.test(cmd),
        renderer: cmd.includes('--type=renderer') });
    } catch { /* gone */ }
  }
  const kids = new Set([rootPid]);
  for (let changed = true; changed;) {
    changed = false;
    for (const p of procs) if (!kids.has(p.pid) && kids.has(p.ppid)) { kids.add(p.pid); changed = true; }
  }
  let all = 0, renderer = 0;
  for (const p of procs) if (kids.has(p.pid) && p.chromium) { all += p.cpu; if (p.renderer) renderer += p.cpu; }
  return { all, renderer };
}

async function openTimed(context, url) {
  const page = await context.newPage({ viewport: { width: 1280, height: 800 } });
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(url);
  await page.waitForFunction(() => window.__bench && window.__bench.firstFrame != null, null, { timeout: 60000 });
  const ms = await page.evaluate(() => window.__bench.firstFrame);
  return { page, ms, errors };
}

async function waitIdle(page, ms = 1000, timeout = 15000) {
  const t0 = Date.now();
  let last = await page.evaluate(() => window.selfcheck.frames());
  for (;;) {
    await page.waitForTimeout(ms);
    const now = await page.evaluate(() => window.selfcheck.frames());
    if (now === last) return true;
    if (Date.now() - t0 > timeout) return false;
    last = now;
  }
}

function largestSample() {
  const dir = path.join(ROOT, 'assets/data/samples');
  const files = readdirSync(dir).filter(f => f.endsWith('.json'));
  files.sort((a, b) => readFileSync(path.join(dir, b)).length - readFileSync(path.join(dir, a)).length);
  return { name: files[0], text: readFileSync(path.join(dir, files[0]), 'utf8') };
}

const out = { runs: RUNS };
const site = await serve(SITE);
const browser = await launch();
const pid = process.pid;
try {
  // --- weight: every request of a first visit, raw and gzip (-9) bytes of what came over the wire
  {
    const context = await browser.newContext();
    await context.addInitScript(INIT);
    const reqs = [];
    context.on('requestfinished', async r => reqs.push(r));
    const { page } = await openTimed(context, site.url);
    await waitIdle(page);
    // One row per distinct file; `requests` counts how often it was fetched (the service worker's
    // precache fetches the page's files again: from the HTTP cache if headers allow, else the network).
    const byName = new Map();
    for (const r of reqs) {
      const resp = await r.response();
      if (!resp) continue;
      let name = new URL(r.url()).pathname.replace(/^\//, '');
      if (name === '') name = 'index.html';
      let body = await resp.body().catch(() => null);
      if (!body || !body.length) body = await readFile(path.join(SITE, name)).catch(() => null);  // SW fetches
      const f = byName.get(name) || { file: name, type: r.resourceType(), requests: 0, raw: 0, gzip: 0 };
      f.requests += 1;
      if (body && body.length > f.raw) { f.raw = body.length; f.gzip = gzipSync(body, { level: 9 }).length; }
      if (r.resourceType() !== 'fetch' || f.type === 'fetch') f.type = f.type === 'fetch' ? r.resourceType() : f.type;
      byName.set(name, f);
    }
    const files = [...byName.values()];
    files.sort((a, b) => b.gzip - a.gzip);
    out.weight = { files, raw_total: files.reduce((s, f) => s + f.raw, 0), gzip_total: files.reduce((s, f) => s + f.gzip, 0) };
    await context.close();
  }

  // --- start: cold (fresh context = empty cache) and warm (second load in the same context)
  const cold = [], warm = [];
  for (let i = 0; i < RUNS; ++i) {
    const context = await browser.newContext();
    await context.addInitScript(INIT);
    const a = await openTimed(context, site.url);
    cold.push(a.ms);
    await waitIdle(a.page, 500);
    await a.page.close();
    const b = await openTimed(context, site.url);
    warm.push(b.ms);
    await context.close();
  }
  out.start = { cold_ms: cold.map(x => round(x)), warm_ms: warm.map(x => round(x)),
    cold_median_ms: round(median(cold)), warm_median_ms: round(median(warm)) };

  // --- idle, frame cost, memory: one page
  {
    const context = await browser.newContext();
    await context.addInitScript(INIT);
    const { page, errors } = await openTimed(context, site.url);
    const settled = await waitIdle(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const metric = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map(m => [m.name, m.value]));
    const f0 = await page.evaluate(() => window.selfcheck.frames());
    const m0 = await metric();
    const c0 = pid ? cpuSecondsOf(pid) : null;
    await page.waitForTimeout(IDLE_S * 1000);
    const f1 = await page.evaluate(() => window.selfcheck.frames());
    const m1 = await metric();
    const c1 = pid ? cpuSecondsOf(pid) : null;
    out.idle = { seconds: IDLE_S, settled_before: settled, frames: f1 - f0,
      renderer_main_thread_ms: round((m1.TaskDuration - m0.TaskDuration) * 1000),
      renderer_process_cpu_ms: c0 ? round((c1.renderer - c0.renderer) * 1000, 0) : null,
      chromium_all_processes_cpu_ms: c0 ? round((c1.all - c0.all) * 1000, 0) : null };

    // frame cost with the largest sample loaded, on the results dashboard when the UI has one
    const sample = largestSample();
    const heapBefore = await page.evaluate(() => (window.Module && window.Module.HEAP8 ? window.Module.HEAP8.length : null));
    const lo = await page.evaluate(t => window.selfcheck.load(t), sample.text);
    const items = await page.evaluate(() => window.selfcheck.items());
    // A navigation widget to the results dashboard (e.g. "nav.results", "tab.dashboard"), if the UI has one.
    const dash = Object.keys(items).find(k => /^(nav|tab|screen|menu)\b.*(result|dashboard)/i.test(k)
      || /(result|dashboard).*\.(tab|nav|button)$/i.test(k));
    const box = await page.locator('#canvas').boundingBox();
    if (dash) {
      const r = items[dash];
      await page.mouse.click(box.x + (r[0] + r[2]) / 2, box.y + (r[1] + r[3]) / 2);
    }
    await waitIdle(page, 500);
    await page.evaluate(() => { window.__bench.frameMs = []; window.__bench.tracking = true; });
    const fa = await page.evaluate(() => window.selfcheck.frames());
    const t0 = Date.now();
    for (let i = 0; i < 200; ++i) {
      await page.mouse.move(box.x + 100 + (i * 7) % (box.width - 200), box.y + 100 + (i * 13) % (box.height - 200));
      await page.waitForTimeout(16);
    }
    const wall = (Date.now() - t0) / 1000;
    await page.evaluate(() => { window.__bench.tracking = false; });
    const fb = await page.evaluate(() => window.selfcheck.frames());
    const ms = await page.evaluate(() => window.__bench.frameMs);
    out.frame = { screen: dash || `no results-dashboard navigation item yet (items: ${Object.keys(items).join(', ')}); measured on the screen shown after load`,
      sample: sample.name, load_ok: lo.ok, mouse_moves: 200, frames: fb - fa, frames_per_s: round((fb - fa) / wall),
      median_ms: round(median(ms), 2), p95_ms: round([...ms].sort((a, b) => a - b)[Math.floor(ms.length * 0.95)] ?? null, 2),
      worst_ms: round(ms.length ? Math.max(...ms) : null, 2) };
    const heapAfter = await page.evaluate(() => (window.Module && window.Module.HEAP8 ? window.Module.HEAP8.length : null));
    out.memory = { sample: sample.name, wasm_heap_bytes_before_load: heapBefore, wasm_heap_bytes: heapAfter };
    out.page_errors = errors;
    await context.close();
  }
} finally {
  await browser.close();
  await site.close();
}
console.log(JSON.stringify(out, null, 1));
