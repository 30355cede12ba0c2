// No WebGL (blocked driver, policy, headless browser), in either engine: instead of "loading" forever
// the page says what happened and what to do in Chinese and English, and the self-checks saved in
// this browser stay exportable from plain HTML. WebGL is switched off in the page before it loads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SITE, ENGINE, serveSite, launchEngine } from './lib.mjs';

const SITE_DIR = process.env.SELFCHECK_SITE || SITE;
const SAMPLES = path.join(ROOT, 'assets/data/samples');
const sample = n => readFileSync(path.join(SAMPLES, readdirSync(SAMPLES).filter(f => f.endsWith('.json')).sort()[n]), 'utf8');

// #nogl: no WebGL at all (the page's probe sees it). #nogl-app: the probe succeeds but the app's own
// context (created with attributes) fails, which the C++ side must catch (SDL_GL_CreateContext).
const NO_GL = () => {
  const mode = location.hash;
  if (!mode.startsWith('#nogl')) return;
  const get = HTMLCanvasElement.prototype.getContext;
  HTMLCanvasElement.prototype.getContext = function (type, attrs) {
    if (/webgl/.test(type) && (mode === '#nogl' || attrs !== undefined)) return null;
    return get.apply(this, arguments);
  };
};

let site, eng;
before(async () => { site = await serveSite(SITE_DIR); eng = await launchEngine(ENGINE); });
after(async () => { await eng?.close(); await site?.close(); });

for (const mode of ['#nogl', '#nogl-app']) {
  test(`${ENGINE}: ${mode}: a bilingual message instead of loading forever; saved self-checks export`, async () => {
    const session = await eng.session({ init: NO_GL });
    try {
      // Save one first, with WebGL.
      const ok = await session.page();
      await ok.goto(site.url);
      await ok.ready();
      await ok.load(sample(0));
      const name = (await ok.doc()).enterprise.name;
      await ok.close();

      const page = await session.page();
      await page.goto(site.url + mode);
      await page.waitFor(() => window.selfcheckNoGpu, undefined, { timeout: 45000 });
      const shown = await page.evaluate(() => ({
        visible: !document.getElementById('nogpu').hidden,
        loading: getComputedStyle(document.getElementById('loading')).display,
        text: document.getElementById('nogpu').innerText,
        buttons: document.querySelectorAll('#nogpu .nogpu-export').length,
      }));
      assert.equal(shown.visible, true);
      assert.equal(shown.loading, 'none', '"loading" is gone');
      assert.match(shown.text, /硬件加速/);
      assert.match(shown.text, /hardware acceleration/);
      assert.match(shown.text, /Chrome/);
      assert.equal(shown.buttons, 1, 'the saved self-check is listed');
      const r = await page.evaluate(() => { const b = document.querySelector('#nogpu .nogpu-export').getBoundingClientRect(); return [b.x + b.width / 2, b.y + b.height / 2]; });
      await page.click(r[0], r[1]);
      const d = await page.download(0);
      assert.match(d.name, /\.json$/);
      assert.equal(JSON.parse(d.text).enterprise.name, name);
    } finally { await session.close(); }
  });
}
