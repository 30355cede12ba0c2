// Errors by consequence, verdicts only from valid data, one wording and one number format (issue 18,
// VERDICT part). Reads the screen through window.selfcheck.texts(): what a user sees, not the JSON.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, serveSite, launch, openFresh, clickId, afterFrames } from './lib.mjs';

const SAMPLES = path.join(ROOT, 'assets/data/samples');
const sampleFiles = readdirSync(SAMPLES).filter(f => f.endsWith('.json')).sort();
const sample = n => JSON.parse(readFileSync(path.join(SAMPLES, sampleFiles[n]), 'utf8'));

let site, browser;
before(async () => {
  site = await serveSite();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

const fresh = size => openFresh(browser, site.url, size);
const items = page => page.evaluate(() => window.selfcheck.items());
const result = async page => JSON.parse(await page.evaluate(() => window.selfcheck.result()));
const screenText = async page => (await page.evaluate(() => window.selfcheck.texts())).map(t => t.text).join('\n');
async function settle(page) {
  await afterFrames(page, 3);
  await page.waitForFunction(() => window.selfcheck.idle(), null, { timeout: 15000 });
}
async function waitItem(page, id, timeout = 5000) {
  await page.waitForFunction(i => window.selfcheck.items()[i], id, { timeout });
}
async function go(page, screen) {
  await clickId(page, `nav.${screen}`);
  await settle(page);
}
async function load(page, doc) {
  const lo = await page.evaluate(t => window.selfcheck.load(t), JSON.stringify(doc));
  assert.equal(lo.ok, true, JSON.stringify(lo.errors));
  await settle(page);
}

test('a wrong credit code and an unknown county: figures and verdicts computed, warnings listed, only the upload refused', async () => {
  const { context, page } = await fresh();
  const d = sample(0);
  d.enterprise.credit_code = '91350100M000100Y44';  // GB 32100: the check character is 3
  d.enterprise.county = '柯乔区';                      // one character off 柯桥区
  await load(page, d);
  const r = await result(page);
  assert.ok(!r.errors, 'no errors: the result is computed');
  assert.ok(r.energy.total_tce > 0);
  assert.ok(r.warnings.some(w => w.path === '/enterprise/credit_code' && w.code === 'credit_code_check'));
  assert.ok(r.warnings.some(w => w.path === '/enterprise/county' && w.code === 'unknown_county'));
  await go(page, 'profile');
  await waitItem(page, 'profile.credit_code.issue');
  await go(page, 'results');
  await waitItem(page, 'results.key_unit');
  const it = await items(page);
  assert.ok(!it['results.no_figures'] && it['results.budget_tier'] && it['results.carbon_level'], 'figures and verdicts shown');
  const shown = await screenText(page);
  assert.ok(shown.includes(r.energy.key_unit_status.message_zh), `the core's key-unit sentence: ${r.energy.key_unit_status.message_zh}`);
  assert.ok(shown.includes(r.energy.budget_tier_text.message_zh), 'the core\'s tier sentence');
  await go(page, 'report');
  await waitItem(page, 'upload.identity_blocked');
  const rep = await screenText(page);
  for (const w of r.warnings.filter(w => ['credit_code_check', 'unknown_county'].includes(w.code)))
    assert.ok(rep.includes(w.message_zh.slice(0, 12)), `the upload lists: ${w.message_zh}`);
  assert.ok(!/\/enterprise\//.test(rep), 'no key path on screen');
  await context.close();
});

test('an invalid quantity on a new document shows "—" with the reason, never 0.00 or a verdict', async () => {
  const { context, page } = await fresh();
  await waitItem(page, 'start.new');
  await clickId(page, 'start.new');
  await page.waitForFunction(() => JSON.parse(window.selfcheck.document()) !== null, null, { timeout: 5000 });
  await settle(page);
  // the document as the energy screen writes a typed "12x" (the field keeps the text)
  const d = JSON.parse(await page.evaluate(() => window.selfcheck.document()));
  d.energy = [{ carrier: 'electricity', quantity: '12x', unit: 'kWh' }];
  const lo = await page.evaluate(t => window.selfcheck.load(t), JSON.stringify(d));
  assert.equal(lo.ok, false, 'a document with an invalid quantity is refused by load');
  await go(page, 'energy');
  await clickId(page, 'energy.add_row');
  await waitItem(page, 'energy.0.quantity');
  await clickId(page, 'energy.0.quantity');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
  await page.keyboard.press('Control+A');
  await afterFrames(page);
  await page.keyboard.insertText('12x');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => JSON.parse(window.selfcheck.document()).energy[0].quantity === '12x', null, { timeout: 5000 });
  assert.ok((await result(page)).errors.some(e => e.path === '/energy/0/quantity'));
  await go(page, 'results');
  await waitItem(page, 'results.no_figures');
  const shown = await screenText(page);
  assert.ok(shown.includes('—'), 'a dash where the figures would be');
  assert.ok(!/\b0\.00\b/.test(shown), `no 0.00 on the results screen:\n${shown}`);
  for (const verdict of ['低碳', '吨标准煤以下', '不属于重点用能单位'])
    assert.ok(!shown.includes(verdict), `no verdict "${verdict}" without valid data`);
  await context.close();
});

test('a valid document without energy: the core gives no verdict and the screens show none', async () => {
  const { context, page } = await fresh();
  const d = sample(0);
  d.energy = [];
  delete d.renewables;
  await load(page, d);
  const r = await result(page);
  assert.equal(r.energy.budget_tier, null);
  assert.equal(r.energy.key_energy_unit, null);
  assert.equal(r.carbon_efficiency.level, null);
  assert.equal(r.energy.missing.code, 'needs_energy');
  await go(page, 'results');
  await waitItem(page, 'results.no_figures');
  const shown = await screenText(page);
  for (const verdict of ['低碳', '吨标准煤以下', '不属于重点用能单位', '0.00'])
    assert.ok(!shown.includes(verdict), `no "${verdict}" without energy`);
  await context.close();
});

test('the carbon level L reads the same on the results and measures screens (3 significant figures)', async () => {
  // a tall window: the what-if table sits below the measure tables (items() holds what is visible)
  const { context, page } = await fresh({ width: 1366, height: 1800 });
  await load(page, sample(0));
  const r = await result(page);
  const L = r.carbon_efficiency.intensity;
  // 3 significant figures, as viz::format(L, intensity): e.g. 2.514989 -> "2.51"
  const digits = Math.max(0, 2 - Math.floor(Math.log10(Math.abs(L))));
  const want = L.toFixed(digits);
  await go(page, 'results');
  await waitItem(page, 'results.carbon_level');
  assert.ok((await screenText(page)).includes(`L = ${want}`), `results screen shows L = ${want}`);
  await go(page, 'measures');
  await waitItem(page, 'measures.whatif.intensity');
  assert.ok((await screenText(page)).includes(`${want} →`), `measures what-if starts from ${want}`);
  await context.close();
});

test('green factory on a file with nothing scored says 未评分, not 0.00 / 100', async () => {
  const { context, page } = await fresh();
  await load(page, sample(6));  // 07_machinery_ningbo: no indicator carrying points is scored yet
  const r = await result(page);
  const scored = r.green_factory.detail.indicators.filter(i => i.status === 'scored' && i.max > 0);
  assert.equal(scored.length, 0, 'the sample scores nothing yet');
  await go(page, 'green_factory');
  await waitItem(page, 'gf.total_score');
  const shown = await screenText(page);
  assert.ok(shown.includes('未评分'), 'the total says not scored');
  assert.ok(!shown.includes('0.00 / 0.00'), 'no 0.00 / 0.00 分 for a reference-only item');
  assert.ok(!/0\.00 \/ 100/.test(shown), 'no 0.00 / 100');
  await context.close();
});
