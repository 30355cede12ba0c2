// Input that fits (issue 18, INPUT part), at a laptop (1366) and a phone (390) width:
// - choices are pickers showing words; clicking one stores the document's code (vsd, IE3);
// - a value from an imported file that is not a choice is shown "未知：<value>", flagged, and kept
//   verbatim through an edit and the autosave;
// - energy rows fit the carrier: column headers on a laptop, labelled cards on a phone, no calorific
//   value or feedstock for electricity (a fuel has them);
// - 按月填写 starts empty, shows the running sum against the annual figure and says when the months
//   exceed it; switching the months off and on again loses nothing;
// - equipment headers carry Chinese units (小时/年, 米³/分钟 words), no English unit token.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SITE, ENGINE, serveSite, launchEngine } from './lib.mjs';

const SHOTS = path.join(ROOT, 'build/e2e', ENGINE);
const SITE_DIR = process.env.SELFCHECK_SITE || SITE;

const DOC = {
  schema: 'selfcheck/assessment', version: 1,
  enterprise: { name: '填写测试企业', city: 'hangzhou', industry: 'C17', year: 2024, value_added_10k_yuan: 5000 },
  energy: [
    { carrier: 'electricity', quantity: 1000000, unit: 'kWh' },
    { carrier: 'natural_gas', quantity: 100000, unit: 'm3' },
  ],
  equipment: [
    { type: 'motor', count: 2, rated_kw: 15, efficiency_class: 'IE2', hours_per_year: 4000, load_factor: 0.7, speed_control: 'fixed' },
    // as an older build let the owner type it: free text in a choice field
    { type: 'motor', count: 1, rated_kw: 30, efficiency_class: 'IE2', hours_per_year: 5000, load_factor: 0.6, speed_control: '变频' },
    { type: 'air_compressor', count: 1, compressor_type: 'screw_oil_injected', rated_kw: 55, fad_m3_per_min: 9, pressure_mpa: 0.8,
      speed_control: 'fixed', hours_per_year: 4000, load_factor: 0.8 },
  ],
};

const SIZES = [{ name: 'laptop', width: 1366, height: 900 }, { name: 'phone', width: 390, height: 844 }];

let site, eng;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await serveSite(SITE_DIR);
  eng = await launchEngine(ENGINE);
});
after(async () => { await eng?.close(); await site?.close(); });

async function openDoc(size) {
  const session = await eng.session({ width: size.width, height: size.height });
  const page = await session.page();
  await page.goto(site.url);
  await page.ready();
  await page.load(JSON.stringify(DOC));
  return { session, page };
}
const items = page => page.evaluate(() => window.selfcheck.items());
const texts = async page => (await page.evaluate(() => window.selfcheck.texts())).map(t => t.text).join('\n');
async function go(page, screen) {
  const id = `nav.${screen}`;
  if (!(await items(page))[id]) await page.clickId('nav.menu');  // a phone: the menu first
  await page.clickId(id);
  await page.waitFor(s => window.selfcheck.items()[`screen.${s}`], screen);
  await page.afterFrames(3);
}
// Open a picker and click one of its entries (combo.option.<code>).
async function pick(page, fieldId, code) {
  await page.clickId(fieldId);
  await page.clickId(`combo.option.${code}`);
}

for (const size of SIZES) {
  test(`${ENGINE} ${size.name}: a choice is picked by clicking its words and the document gets its code`, async () => {
    const { session, page } = await openDoc(size);
    try {
      await go(page, 'equipment');
      // motor tab (the first kind): row 0 is the first motor
      await page.waitFor(() => window.selfcheck.items()['equipment.motor.0.efficiency_class']);
      const shown = await texts(page);
      assert.match(shown, /定速运行|IE2/, `the choices show words:\n${shown.slice(0, 1500)}`);
      // efficiency class: a column a phone shows without scrolling sideways
      await pick(page, 'equipment.motor.0.efficiency_class', 'IE3');
      await page.waitFor(() => JSON.parse(window.selfcheck.document()).equipment[0].efficiency_class === 'IE3');
      if (size.width >= 1366) {
        // speed control: the list shows words (变频调速), the document keeps the code (vsd)
        await page.clickId('equipment.motor.0.speed_control');
        await page.waitFor(() => window.selfcheck.items()['combo.option.vsd']);
        const list = await texts(page);
        assert.match(list, /变频调速/, 'the open list shows 变频调速');
        assert.match(list, /无调速/, 'and 无调速');
        await page.clickId('combo.option.vsd');
        await page.waitFor(() => JSON.parse(window.selfcheck.document()).equipment[0].speed_control === 'vsd');
        await page.afterFrames(3);
        assert.match(await texts(page), /变频调速/, 'the picked word shows in the field');
      }
      const d = await page.doc();
      assert.equal(d.equipment[0].efficiency_class, 'IE3');
      assert.equal(d.equipment[1].speed_control, '变频', 'the other row is untouched');
      await page.screenshot(path.join(SHOTS, `input_pick_${size.name}.png`));
    } finally {
      await session.close();
    }
  });
}

test(`${ENGINE}: an imported value that is not a choice shows as 未知：<value>, flagged, and is kept through an edit and the save`, async () => {
  const { session, page } = await openDoc(SIZES[0]);
  try {
    await go(page, 'equipment');
    await page.waitFor(() => window.selfcheck.items()['equipment.motor.1.speed_control']);
    await page.afterFrames(3);
    const shown = await page.evaluate(() => window.selfcheck.texts());
    const flagged = shown.find(t => t.text.includes('未知：变频'));
    assert.ok(flagged, `未知：变频 shown:\n${shown.map(t => t.text).join('\n').slice(0, 2000)}`);
    // an edit elsewhere in the same row, then the autosave: the unknown value is still verbatim
    await pick(page, 'equipment.motor.1.efficiency_class', 'IE4');
    await page.waitFor(() => JSON.parse(window.selfcheck.document()).equipment[1].efficiency_class === 'IE4');
    await page.waitSaved();
    assert.equal((await page.doc()).equipment[1].speed_control, '变频');
    // what the browser stored (IndexedDB) holds it too
    const stored = await page.evaluate(() => new Promise((res, rej) => {
      const r = indexedDB.open('selfcheck');
      r.onsuccess = () => {
        const t = r.result.transaction(['docs', 'texts'], 'readonly');  // the document's text is in 'texts'
        const out = [];
        t.objectStore('docs').getAll().onsuccess = e => { out.push(e.target.result); };
        t.objectStore('texts').getAll().onsuccess = e => { out.push(e.target.result); };
        t.oncomplete = () => { r.result.close(); res(JSON.stringify(out)); };
      };
      r.onerror = () => rej(r.error);
    }));
    assert.ok(stored.includes('IE4') && stored.includes('变频'), 'the saved copy keeps 变频 beside the new IE4');
    // opening its list offers the kept value first: picking nothing changes nothing
    await page.clickId('equipment.motor.1.speed_control');
    await page.waitFor(() => window.selfcheck.items()['combo.option.vsd']);
    await page.press('Escape');
    await page.afterFrames(3);
    assert.equal((await page.doc()).equipment[1].speed_control, '变频', 'closing the list keeps the value');
  } finally {
    await session.close();
  }
});

test(`${ENGINE}: equipment headers give Chinese units, no English unit token`, async () => {
  const { session, page } = await openDoc(SIZES[0]);
  try {
    await go(page, 'equipment');
    await page.waitFor(() => window.selfcheck.items()['equipment.motor.0.hours_per_year']);
    await page.afterFrames(3);
    let shown = await texts(page);
    assert.match(shown, /小时\/年/, 'hours per year as 小时/年');
    assert.match(shown, /千瓦/, 'rated power in 千瓦');
    // the kind's tab (a press that came with the move onto the tab was lost now and then: the app
    // now holds a press back a frame after a move, app/main.cpp; no retry here)
    await page.clickId('equipment.tab.air_compressor');
    await page.waitFor(() => window.selfcheck.items()['equipment.air_compressor.0.fad_m3_per_min']);
    await page.afterFrames(3);
    shown = await texts(page);
    assert.match(shown, /立方米\/分钟/, 'free air delivery in 立方米/分钟');
    assert.match(shown, /兆帕/, 'pressure in 兆帕');
    assert.match(shown, /喷油螺杆机/, 'the compressor type as words');
    for (const token of [/\bh\/a\b/, /m3\/min/, /\bkW\b/, /\bMPa\b/, /\bkWh\b/, /0-1/])
      assert.doesNotMatch(shown, token, `no ${token} in the Chinese UI`);
  } finally {
    await session.close();
  }
});

for (const size of SIZES) {
  test(`${ENGINE} ${size.name}: energy rows fit the carrier; monthly entry starts empty with a running sum, and switching loses nothing`, async () => {
    const { session, page } = await openDoc(size);
    try {
      await go(page, 'energy');
      await page.waitFor(() => window.selfcheck.items()['energy.0.monthly']);
      let it = await items(page);
      if (size.width >= 1366) {
        assert.ok(it['energy.headers'], 'column headers above the rows');
        assert.ok(!it['energy.0.quantity_label'], 'no card labels on a laptop');
      } else {
        assert.ok(!it['energy.headers'], 'no column headers on a phone');
        assert.ok(it['energy.0.quantity_label'] && it['energy.0.unit_label'], 'labels in the card');
      }
      // electricity has no calorific value or feedstock; natural gas has both
      assert.ok(!it['energy.0.ncv'] && !it['energy.0.feedstock'], 'no NCV/feedstock for electricity');
      assert.ok(it['energy.1.feedstock'], 'natural gas may be a feedstock');

      await page.clickId('energy.0.monthly');
      await page.waitFor(() => Array.isArray(JSON.parse(window.selfcheck.document()).energy[0].monthly));
      const m0 = (await page.doc()).energy[0].monthly;
      assert.deepEqual(m0, Array(12).fill(null), 'twelve empty months, nothing pre-filled');
      assert.equal((await page.doc()).energy[0].quantity, 1000000, 'the annual figure stays');
      await page.waitFor(() => window.selfcheck.items()['energy.0.monthly_sum']);
      assert.match(await texts(page), /已填 0 个月/, 'the running sum starts at 0 months');

      // 600,000 in January, 500,000 in February: 1,100,000 kWh, already 100,000 above the year
      await page.typeInto('energy.0.month0', '600000');
      await page.press('Enter');
      await page.waitFor(() => JSON.parse(window.selfcheck.document()).energy[0].monthly[0] === 600000);
      await page.typeInto('energy.0.month1', '500000');
      await page.press('Enter');
      await page.waitFor(() => JSON.parse(window.selfcheck.document()).energy[0].monthly[1] === 500000);
      await page.waitFor(() => window.selfcheck.items()['energy.0.monthly_note']);
      const shown = await texts(page);
      assert.match(shown, /已填 2 个月，合计 1,100,000/, `the running sum:\n${shown.slice(0, 2500)}`);
      assert.match(shown, /多 100,000/, 'the note says by how much the months exceed the year');
      await page.screenshot(path.join(SHOTS, `input_monthly_${size.name}.png`));

      // months off: the annual figure stays; months on again: the two bills come back
      await page.clickId('energy.0.monthly');
      await page.waitFor(() => !('monthly' in JSON.parse(window.selfcheck.document()).energy[0]));
      assert.equal((await page.doc()).energy[0].quantity, 1000000);
      await page.clickId('energy.0.monthly');
      await page.waitFor(() => Array.isArray(JSON.parse(window.selfcheck.document()).energy[0].monthly));
      const m1 = (await page.doc()).energy[0].monthly;
      assert.deepEqual(m1, [600000, 500000, ...Array(10).fill(null)], 'the months typed before are back');
    } finally {
      await session.close();
    }
  });
}
