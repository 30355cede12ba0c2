// Screens end to end (issue 6): complete a self-check from a sample by clicking real widgets
// (window.selfcheck.items()), type Chinese through the IME bridge, select measures and watch the
// what-if change, check the page idles, and save a screenshot of every screen under
// build/e2e/screens/ (looked at by eye: clipped text, '?' glyphs, overlaps).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, serveSite, launch, openApp, clickId, waitIdle, scrollTo, afterFrames } from './lib.mjs';

const SHOTS = path.join(ROOT, 'build/e2e/screens');
const SAMPLE = readFileSync(path.join(ROOT, 'assets/data/samples/01_dyeing_shaoxing.json'), 'utf8');
const SCREENS = ['profile', 'energy', 'products', 'equipment', 'management', 'green_factory', 'results', 'measures', 'report', 'settings'];

let site, browser, page, errors;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await serveSite();
  browser = await launch();
  ({ page, errors } = await openApp(browser, site.url, { width: 1280, height: 720 }));
  const lo = await page.evaluate(t => window.selfcheck.load(t), SAMPLE);
  assert.equal(lo.ok, true, JSON.stringify(lo.errors));
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const result = async () => JSON.parse(await page.evaluate(() => window.selfcheck.result()));
const doc = async () => JSON.parse(await page.evaluate(() => window.selfcheck.document()));
const items = async () => page.evaluate(() => window.selfcheck.items());

async function go(screen) {
  await clickId(page, `nav.${screen}`);
  await afterFrames(page, 3);
}

// Replace the content of a tracked text field: click it, select all, type.
// ImGui drops typed characters while it still sees Ctrl held: let the frames after Ctrl+A run
// (the key-up reaches ImGui) before text arrives through the IME bridge.
async function typeInto(id, text) {
  await clickId(page, id);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
  await page.keyboard.press('Control+A');
  await afterFrames(page);
  await page.keyboard.insertText(text);
  await page.keyboard.press('Enter');
}

test('every screen draws and is saved as a screenshot', async () => {
  for (const s of SCREENS) {
    await go(s);
    await waitIdle(page, 400);
    await page.screenshot({ path: path.join(SHOTS, `${SCREENS.indexOf(s) + 1}_${s}.png`) });
  }
  const it = await items();
  for (const s of SCREENS) assert.ok(it[`nav.${s}`], `nav.${s} tracked`);
});

test('editing a quantity on the energy screen changes the result', async () => {
  await go('energy');
  const before = await result();
  await page.waitForFunction(() => window.selfcheck.items()['energy.0.quantity']);
  await typeInto('energy.0.quantity', '12000000');
  await page.waitForFunction(() => JSON.parse(window.selfcheck.document()).energy[0].quantity === 12000000, null, { timeout: 5000 });
  const after = await result();
  assert.ok(after.energy.total_tce > before.energy.total_tce, 'more electricity, more tce');
  const e0 = (await doc()).energy[0];
  assert.equal(e0.carrier, 'electricity');
  // 2,500,000 kWh more at 0.1229 kgce/kWh = 307.25 tce (GB/T 2589 equivalent value)
  assert.ok(Math.abs(after.energy.total_tce - before.energy.total_tce - 307.25) < 1e-6);
});

test('a non-number is kept as typed, reported at its path, and the old result stays', async () => {
  await go('energy');
  const good = await page.evaluate(() => window.selfcheck.result());
  await typeInto('energy.0.quantity', '12x');
  await page.waitForFunction(() => JSON.parse(window.selfcheck.document()).energy[0].quantity === '12x', null, { timeout: 5000 });
  const out = JSON.parse(await page.evaluate(() => window.selfcheck.result()));
  assert.ok(out.errors.some(e => e.path === '/energy/0/quantity'));
  await waitIdle(page, 300);
  assert.ok((await items())['stale.banner'], 'stale banner shown');
  await page.screenshot({ path: path.join(SHOTS, 'energy_error.png') });
  await typeInto('energy.0.quantity', '9500000');
  await page.waitForFunction(() => !('errors' in JSON.parse(window.selfcheck.result())), null, { timeout: 5000 });
  assert.notEqual(await page.evaluate(() => window.selfcheck.result()), good.replace('9500000', 'x'));
});

test('Chinese enterprise name through the IME bridge', async () => {
  await go('profile');
  await typeInto('profile.name', '浙江某纺织有限公司');
  await page.waitForFunction(() => JSON.parse(window.selfcheck.document()).enterprise.name === '浙江某纺织有限公司', null, { timeout: 5000 });
  await waitIdle(page, 300);
  await page.screenshot({ path: path.join(SHOTS, '1_profile_ime.png') });
});

test('adding an equipment row and a product by clicking', async () => {
  await go('equipment');
  const n0 = (await doc()).equipment.length;
  await clickId(page, 'equipment.add_row');
  await page.waitForFunction(n => JSON.parse(window.selfcheck.document()).equipment.length === n + 1, n0, { timeout: 5000 });
  await go('products');
  await clickId(page, 'products.add');
  await page.waitForFunction(() => JSON.parse(window.selfcheck.document()).products.length === 2, null, { timeout: 5000 });
});

test('selecting a measure changes the what-if portfolio', async () => {
  await go('measures');
  const r0 = await result();
  const sel = r0.portfolio.selected;
  assert.ok(sel.length > 0);
  const id = sel[0];
  // the table lists the measures by NPV and scrolls: bring the row into view first
  await scrollTo(page, `measures.select.${id}`, 'measures.table');
  await clickId(page, `measures.select.${id}`);
  await page.waitForFunction(i => {
    const d = JSON.parse(window.selfcheck.document());
    return d.options && Array.isArray(d.options.selected_measures) && !d.options.selected_measures.includes(i);
  }, id, { timeout: 5000 });
  const r1 = await result();
  assert.ok(!r1.portfolio.selected.includes(id));
  assert.ok(r1.portfolio.detail.new_total_tce > r0.portfolio.detail.new_total_tce, 'fewer measures, less saved');
  await clickId(page, 'measures.use_recommended');
  await page.waitForFunction(() => !(JSON.parse(window.selfcheck.document()).options || {}).selected_measures, null, { timeout: 5000 });
  await waitIdle(page, 300);
  await page.screenshot({ path: path.join(SHOTS, '8_measures_after.png') });
});

test('language switches to English at runtime', async () => {
  await go('settings');
  await clickId(page, 'settings.lang_en');
  for (const s of ['results', 'measures']) {
    await go(s);
    await waitIdle(page, 400);
    await page.screenshot({ path: path.join(SHOTS, `en_${s}.png`) });
  }
  await go('settings');
  await clickId(page, 'settings.lang_zh');
});

test('guided tour walks real widgets and resets', async () => {
  await clickId(page, 'nav.tour');
  await clickId(page, 'tour.next');
  await clickId(page, 'tour.next');
  await waitIdle(page, 400);
  await page.screenshot({ path: path.join(SHOTS, 'tour_step3.png') });
  await clickId(page, 'tour.reset');
  // Reset reloads the sample and moves the tour panel back to step 1: exit is clicked where the
  // settled frame drew it (a rect from the frame before the move would miss).
  await page.waitForFunction(() => window.selfcheck.idle());
  await clickId(page, 'tour.exit');
  await page.waitForFunction(() => !window.selfcheck.items()['tour.exit'], null, { timeout: 5000 });
});

test('the page draws no frames while idle, and nothing logged an error', async () => {
  const n = await waitIdle(page);
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.selfcheck.frames()), n);
  // a missing static file (icon, service worker before the site step ran) is the platform half's test
  assert.deepEqual(errors.filter(e => !/favicon|service worker|sw\.js|Failed to load resource/i.test(e)), []);
});
