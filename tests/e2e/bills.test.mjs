// Monthly bills pasted from a spreadsheet (issue 15): twelve months copied from Excel/WPS as
// tab-separated cells go into the paste box on the energy screen; the preview names the columns and
// counts the months; applying fills the monthly table and the annual figure, and the result follows.
// A block with a bad row is refused with the row named, and nothing already entered changes.
// Files: a CSV saved as GBK (encoded here, byte by byte) and an XLSX (a ZIP written here, deflated
// like Excel's) are opened with the button beside paste; the preview shows the mapping and the
// changes month by month before anything is applied. A damaged file, a file with no bill header and
// a file over the size limit are refused with a message, and the document stays as it was.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
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

// ---- files ------------------------------------------------------------------------------------

// UTF-8 text -> GBK bytes: the inverse of the browser-standard GBK decoder (WHATWG encoding, which
// Node's TextDecoder implements), built over the two-byte range; ASCII stays one byte.
function gbk(text) {
  const dec = new TextDecoder('gbk');
  const table = new Map();
  for (let a = 0x81; a <= 0xfe; ++a)
    for (let b = 0x40; b <= 0xfe; ++b) {
      if (b === 0x7f) continue;
      const ch = dec.decode(Uint8Array.of(a, b));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [a, b]);
    }
  const out = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) { out.push(ch.charCodeAt(0)); continue; }
    const code = table.get(ch);
    if (!code) throw new Error(`no GBK code for ${ch}`);
    out.push(...code);
  }
  return Buffer.from(out);
}

// A ZIP (as an .xlsx is) with deflated members: local headers, central directory, end record.
function zip(files) {
  const parts = [], central = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const data = Buffer.from(text, 'utf8'), comp = zlib.deflateRawSync(data), fname = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14); local.writeUInt32LE(comp.length, 18); local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fname.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0); cd.writeUInt16LE(20, 4); cd.writeUInt16LE(20, 6); cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10); cd.writeUInt32LE(crc, 16); cd.writeUInt32LE(comp.length, 20); cd.writeUInt32LE(data.length, 24);
    cd.writeUInt16LE(fname.length, 28); cd.writeUInt32LE(offset, 42);
    parts.push(local, fname, comp);
    central.push(cd, fname);
    offset += local.length + fname.length + comp.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
  end.writeUInt32LE(cdBuf.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, cdBuf, end]);
}

// GBK CSV as WPS saves it: month written "2023年m月"; month m: 90,000 + 2,000·m kWh at 0.65 元/kWh.
// Sum = 12 × 90,000 + 2,000 × 78 = 1,080,000 + 156,000 = 1,236,000 kWh.
const kwhCsv = m => 90000 + 2000 * m;
const GBK_CSV = gbk(['月份,用电量(kWh),电费(元)', ...MONTHS.map(m => `2023年${m}月,${kwhCsv(m)},${Math.round(kwhCsv(m) * 0.65)}`),
                     `合计,1236000,`].join('\r\n') + '\r\n');

// XLSX: TOU periods each month (sharp 5,000, peak 20,000, flat 30,000, valley 25,000 = 80,000 kWh) and
// natural gas 3,000 m³; headers as shared strings, numbers as numeric cells, months 1..12.
const XLSX_HEAD = ['月份', '尖峰电量(kWh)', '峰电量(kWh)', '平电量(kWh)', '谷电量(kWh)', '天然气(m³)'];
const XLSX_ROW = [5000, 20000, 30000, 25000, 3000];
function bookXlsx() {
  const col = i => String.fromCharCode(65 + i);
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst count="${XLSX_HEAD.length}">` + XLSX_HEAD.map(h => `<si><t>${h}</t></si>`).join('') + '</sst>';
  let rows = '<row r="1">' + XLSX_HEAD.map((_, i) => `<c r="${col(i)}1" t="s"><v>${i}</v></c>`).join('') + '</row>';
  for (const m of MONTHS)
    rows += `<row r="${m + 1}"><c r="A${m + 1}"><v>${m}</v></c>` + XLSX_ROW.map((v, i) => `<c r="${col(i + 1)}${m + 1}"><v>${v}</v></c>`).join('') + '</row>';
  return zip({
    '[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns:r="r"><sheets><sheet name="电费" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/sharedStrings.xml': sst,
    'xl/worksheets/sheet1.xml': `<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>${rows}</sheetData></worksheet>`,
  });
}

const shownTexts = page => page.evaluate(() => window.selfcheck.texts().map(t => t.text).join('\n'));

// Pick a file with the button beside paste; wait for what the app shows about it.
async function openBillsFile(page, name, bytes, type, waitId = 'bills.summary') {
  await page.clickId('nav.energy');
  await page.setNextFileBytes(name, bytes, type);
  await page.clickId('bills.open_file');
  await page.waitFor(id => window.selfcheck.items()[id], waitId);
}

test(`${ENGINE}: a GBK CSV file of twelve months is previewed, then fills the monthly table and the result`, async () => {
  const { session, page } = await openDoc();
  try {
    await openBillsFile(page, '电费台账.csv', GBK_CSV, 'text/csv');
    assert.equal((await page.doc()).energy[0].quantity, 1000000, 'the preview changes nothing');
    const texts = await shownTexts(page);
    assert.match(texts, /电费台账\.csv/, 'the file is named');
    assert.match(texts, /电费台账\.csv（CSV GB(K|18030)）/, 'the file and the encoding found (GBK bytes read as GB18030, its superset)');
    assert.match(texts, /用电量/, 'the mapping names the kWh column');
    assert.match(texts, /将要修改/, 'the changes are listed');
    assert.match(texts, /1 月/, 'month by month');
    assert.match(texts, /92,000/, 'January\'s kWh (90,000 + 2,000)');
    assert.match(texts, /1,236,000/, 'the new annual figure');
    assert.ok((await page.evaluate(() => window.selfcheck.items()))['bills.changes'], 'the table of changes is drawn');
    await page.screenshot(path.join(SHOTS, 'bills-file-gbk-preview.png'));

    await page.clickId('bills.apply');
    await page.waitFor(() => JSON.parse(window.selfcheck.document()).energy[0].monthly);
    const d = await page.doc();
    assert.deepEqual(d.energy[0].monthly, MONTHS.map(kwhCsv), 'the twelve months, in order (the 合计 row skipped)');
    assert.equal(d.energy[0].quantity, 1236000);
    assert.equal(d.bills.electricity.months[11].cost_yuan, Math.round(kwhCsv(12) * 0.65));
    assert.equal(d.enterprise.name, DOC.enterprise.name, 'what was entered before is kept');
    // 1,236,000 kWh × 0.1229 kgce/kWh = 151,904.4 kgce = 151.9044 tce
    await page.waitFor(() => Math.abs(JSON.parse(window.selfcheck.result()).energy.total_tce - 151.9044) < 1e-6);
  } finally { await session.close(); }
});

test(`${ENGINE}: an XLSX file with TOU periods and natural gas adds the bill months and a gas row`, async () => {
  const { session, page } = await openDoc();
  try {
    await openBillsFile(page, 'bills.xlsx', bookXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const texts = await shownTexts(page);
    assert.match(texts, /XLSX/);
    assert.match(texts, /低谷电量|谷电量/, 'the mapping names the valley column');
    assert.match(texts, /天然气/, 'and the gas column');
    assert.match(texts, /新增能源品种：天然气用量/, 'the new gas row is announced');
    assert.match(texts, /3,000/, 'its months are in the table of changes');
    assert.equal((await page.doc()).energy.length, 1, 'nothing applied yet');
    await page.screenshot(path.join(SHOTS, 'bills-file-xlsx-preview.png'));

    await page.clickId('bills.apply');
    await page.waitFor(() => JSON.parse(window.selfcheck.document()).energy.length === 2);
    const d = await page.doc();
    // electricity from the four periods: 5,000 + 20,000 + 30,000 + 25,000 = 80,000 kWh a month, 960,000 a year
    assert.deepEqual(d.energy[0].monthly, MONTHS.map(() => 80000));
    assert.equal(d.energy[0].quantity, 960000);
    assert.deepEqual(d.energy[1], { carrier: 'natural_gas', quantity: 36000, unit: 'm3', monthly: MONTHS.map(() => 3000) });
    assert.equal(d.bills.electricity.months.length, 12);
    assert.equal(d.bills.electricity.months[6].valley_kwh, 25000);
    assert.equal(d.bills.electricity.months[6].sharp_kwh, 5000);
    // 960,000 kWh × 0.1229 = 117,984 kgce; 36,000 m³ × 1.33 kgce/m³ (GB/T 2589 附录 A) = 47,880 kgce;
    // 117.984 + 47.880 = 165.864 tce
    await page.waitFor(() => Math.abs(JSON.parse(window.selfcheck.result()).energy.total_tce - 165.864) < 1e-6);
  } finally { await session.close(); }
});

test(`${ENGINE}: a damaged, a headerless and an oversized file are refused with a message; nothing changes`, async () => {
  const { session, page } = await openDoc();
  try {
    const before = await page.doc();
    // 1. not a ZIP although named .xlsx
    await openBillsFile(page, '损坏.xlsx', Buffer.from('PK\x03\x04 this is not a workbook'), 'application/octet-stream', 'bills.issues');
    assert.match(await shownTexts(page), /不是有效的 Excel/);
    await page.clickId('bills.apply');  // disabled: a click changes nothing
    await page.afterFrames(1);
    assert.deepEqual(await page.doc(), before, 'nothing applied');
    await page.screenshot(path.join(SHOTS, 'bills-file-bad.png'));
    // 2. a table without a month column
    await openBillsFile(page, '产品.csv', Buffer.from('名称,数量\n布,100\n'), 'text/csv', 'bills.issues');
    await page.waitFor(() => window.selfcheck.texts().some(t => t.text.includes('没有找到表头')));
    // cancel: the preview goes, the document stays
    await page.clickId('bills.cancel');
    await page.waitFor(() => !window.selfcheck.items()['bills.summary']);
    assert.deepEqual(await page.doc(), before);
    // 3. over 8 MB: refused before reading, the name and size said
    await openBillsFile(page, '大文件.csv', Buffer.alloc(8 * 1024 * 1024 + 1, 0x31), 'text/csv', 'bills.file_error');
    assert.match(await shownTexts(page), /过大/);
    assert.ok(!(await page.evaluate(() => window.selfcheck.items()))['bills.summary'], 'no preview of it');
    assert.deepEqual(await page.doc(), before, 'nothing changed');
  } finally { await session.close(); }
});
