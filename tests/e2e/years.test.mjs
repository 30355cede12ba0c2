// Year after year (issue 16): add an earlier year on the energy screen, edit it, see the trend on
// the results screen change, and find it all again after a reload.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SITE, ENGINE, serveSite, launchEngine } from './lib.mjs';

const SHOTS = path.join(ROOT, 'build/e2e', ENGINE);
const SITE_DIR = process.env.SELFCHECK_SITE || SITE;

// A one-year document with round numbers: 10,000,000 kWh, value added 10,000 万元, year 2023.
const DOC = {
  schema: 'selfcheck/assessment', version: 1,
  enterprise: { name: '年度测试企业', city: 'hangzhou', industry: 'C36', year: 2023, value_added_10k_yuan: 10000 },
  energy: [{ carrier: 'electricity', quantity: 10000000, unit: 'kWh' }],
};

let site, eng;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await serveSite(SITE_DIR);
  eng = await launchEngine(ENGINE);
});
after(async () => { await eng?.close(); await site?.close(); });

const result = page => page.evaluate(() => JSON.parse(window.selfcheck.result()));

test(`${ENGINE}: add an earlier year, edit it, the trend changes and survives a reload`, async () => {
  const session = await eng.session();
  const page = await session.page();
  try {
    await page.goto(site.url);
    await page.ready();
    await page.load(JSON.stringify(DOC));
    let r = await result(page);
    assert.equal(r.trend.length, 1, 'one year: one trend entry');
    assert.equal(r.targets[0].actual_change, null);

    await page.clickId('nav.energy');
    await page.clickId('years.add');
    // The copy of the current year becomes 2022.
    await page.waitFor(() => { const d = JSON.parse(window.selfcheck.document()); return d.history && d.history.length === 1; });
    let d = await page.doc();
    assert.equal(d.history[0].year, 2022);
    assert.equal(d.history[0].enterprise.value_added_10k_yuan, 10000);
    assert.equal(d.history[0].energy[0].quantity, 10000000);
    await page.waitFor(() => JSON.parse(window.selfcheck.result()).trend.length === 2);

    // 2022's value added 8000 -> energy intensity 2022 = 1229/8000, change to 2023 = 8000/10000 - 1 = -0.2.
    await page.typeInto('years.value_added_10k_yuan', '8000');
    await page.press('Enter');
    await page.waitFor(() => JSON.parse(window.selfcheck.document()).history[0].enterprise.value_added_10k_yuan === 8000);
    await page.waitFor(() => {
      const t = JSON.parse(window.selfcheck.result()).targets.find(x => x.id === 'energy_intensity_2025');
      return t && t.actual_change !== null && Math.abs(t.actual_change + 0.2) < 1e-9;
    });
    // Edit that year's electricity: 12,500,000 kWh -> intensity 2022 = 1536.25/8000; change = (1229/10000)/(1536.25/8000) - 1 = -0.36
    await page.typeInto('energy.0.quantity', '12500000');
    await page.press('Enter');
    await page.waitFor(() => JSON.parse(window.selfcheck.document()).history[0].energy[0].quantity === 12500000);
    await page.waitFor(() => {
      const t = JSON.parse(window.selfcheck.result()).targets.find(x => x.id === 'energy_intensity_2025');
      return t && Math.abs(t.actual_change + 0.36) < 1e-9;
    });
    d = await page.doc();
    assert.equal(d.energy[0].quantity, 10000000, 'the current year is untouched');

    await page.clickId('nav.results');
    await page.waitFor(() => window.selfcheck.items()['trend.chart']);
    await page.screenshot(path.join(SHOTS, 'years-trend.png'));
    r = await result(page);
    assert.equal(r.trend.length, 2);
    assert.ok(r.decomposition && typeof r.decomposition.total_change_tco2 === 'number', 'decomposition computed');

    await page.waitSaved();
    const before = await page.doc();
    await page.reload();
    await page.ready();
    await page.waitFor(() => JSON.parse(window.selfcheck.document()).history);
    assert.deepEqual(await page.doc(), before);
    const r2 = await result(page);
    assert.deepEqual(r2.trend, r.trend);
  } finally { await session.close(); }
});
