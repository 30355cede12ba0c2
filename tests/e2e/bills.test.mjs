// Monthly bills pasted from a spreadsheet (issue 15): twelve months copied from Excel/WPS as
// tab-separated cells go into the paste box on the energy screen; the preview names the columns and
// counts the months; applying fills the monthly table and the annual figure, and the result follows.
// A block with a bad row is refused with the row named, and nothing already entered changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SITE, ENGINE, serveSite, launchEngine } from './lib.mjs';

const SHOTS = path.join(ROOT, 'build/e2e', ENGINE);
const SITE_DIR = process.env.SELFCHECK_SITE || SITE;

// One carrier, one annual figure: 1,000,000 kWh in 2023.
const DOC = {
  schema: 'selfcheck/assessment', version: 1,
  enterprise: { name: '账单测试企业', city: 'hangzhou', industry: 'C36', year: 2023, value_added_10k_yuan: 10000 },
  energy: [{ carrier: 'electricity', quantity: 1000000, unit: 'kWh' }],
};

// Month m: 100,000 + 1,000·m kWh at 0.7 元/kWh. Sum = 12 × 100,000 + 1,000 × (1 + … + 12) = 1,200,000 + 78,000 = 1,278,000 kWh.
const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);
const kwh = m => 100000 + 1000 * m;
const TSV = ['月份\t用电量(kWh)\t电费(元)', ...MONTHS.map(m => `${m}\t${kwh(m)}\t${Math.round(kwh(m) * 0.7)}`)].join('\n') + '\n';
// The same block with May's kWh cell holding text.
const BAD_TSV = TSV.replace(`\n5\t${kwh(5)}\t`, '\n5\t十万\t');

let site, eng;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await serveSite(SITE_DIR);
  eng = await launchEngine(ENGINE);
});
after(async () => { await eng?.close(); await site?.close(); });

// What a paste from the system clipboard delivers to the focused text box (the IME bridge's
// paste listener reads clipboardData and hands the text to the app).
async function paste(page, text) {
  await page.waitFor(() => document.activeElement && document.activeElement.id === 'ime');
  await page.evaluate(t => {
    const dt = new DataTransfer();
    dt.setData('text/plain', t);
    document.getElementById('ime').dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  }, text);
}

// A laptop-sized page with DOC loaded.
async function openDoc() {
  const session = await eng.session({ width: 1366, height: 900 });
  const page = await session.page();
  await page.goto(site.url);
  await page.ready();
  await page.load(JSON.stringify(DOC));
  return { session, page };
}

async function openPasteBox(page) {
  await page.clickId('nav.energy');
  await page.clickId('bills.paste_open');
  await page.clickId('bills.paste_text');
}

test(`${ENGINE}: twelve months pasted from a spreadsheet fill the monthly table, the annual figure and the result`, async () => {
  const { session, page } = await openDoc();
  try {
    const r0 = JSON.parse(await page.evaluate(() => window.selfcheck.result()));
    // 1,000,000 kWh × 0.1229 kgce/kWh (GB/T 2589 当量值) = 122.9 tce
    assert.ok(Math.abs(r0.energy.total_tce - 122.9) < 1e-6, `before: ${r0.energy.total_tce}`);

    await openPasteBox(page);
    await paste(page, TSV);
    await page.clickId('bills.preview');
    await page.waitFor(() => window.selfcheck.items()['bills.summary']);
    // The preview is shown, nothing is applied yet.
    assert.equal((await page.doc()).energy[0].quantity, 1000000, 'the preview changes nothing');
    const texts = await page.evaluate(() => window.selfcheck.texts().map(t => t.text).join('\n'));
    assert.match(texts, /用电量/, 'the column mapping names the kWh column');
    assert.match(texts, /电费/, 'the column mapping names the cost column');
    await page.screenshot(path.join(SHOTS, 'bills-preview.png'));

    await page.clickId('bills.apply');
    await page.waitFor(() => JSON.parse(window.selfcheck.document()).energy[0].monthly);
    const d = await page.doc();
    assert.deepEqual(d.energy[0].monthly, MONTHS.map(kwh), 'the twelve months, in order');
    assert.equal(d.energy[0].quantity, 1278000, 'the annual figure is the sum of the months');
    assert.equal(d.bills.electricity.months.length, 12);
    assert.equal(d.bills.electricity.months[4].cost_yuan, Math.round(kwh(5) * 0.7));
    assert.equal(d.enterprise.name, DOC.enterprise.name, 'what was entered before is kept');
    // 1,278,000 kWh × 0.1229 kgce/kWh = 157,066.2 kgce = 157.0662 tce
    await page.waitFor(() => Math.abs(JSON.parse(window.selfcheck.result()).energy.total_tce - 157.0662) < 1e-6);
    await page.screenshot(path.join(SHOTS, 'bills-applied.png'));
  } finally { await session.close(); }
});

test(`${ENGINE}: a pasted block with a bad row names the row and changes nothing`, async () => {
  const { session, page } = await openDoc();
  try {
    await openPasteBox(page);
    await paste(page, BAD_TSV);
    await page.clickId('bills.preview');
    await page.waitFor(() => window.selfcheck.items()['bills.summary']);
    const before = await page.doc();
    // Apply is disabled while a row is bad: a click must not change the document.
    await page.clickId('bills.apply');
    await page.afterFrames(1);
    assert.deepEqual(await page.doc(), before, 'nothing applied');
    assert.equal(before.energy[0].quantity, 1000000);
    assert.equal(before.energy[0].monthly, undefined);
    const texts = await page.evaluate(() => window.selfcheck.texts().map(t => t.text).join('\n'));
    assert.match(texts, /第\s*6\s*行|行\s*6|6\s*行/, `the bad row (sheet row 6: header + May) is named:\n${texts.slice(0, 2000)}`);
    await page.screenshot(path.join(SHOTS, 'bills-bad-row.png'));
  } finally { await session.close(); }
});
