// Browser platform tests: autosave and reload, the library (duplicate/rename/delete+undo), import
// (bad file keeps the old data, good file asks first), offline via the service worker, the lazily
// loaded fallback CJK font, report in a new tab and downloads, and upload through the UI to a real
// selfcheck-portal (including receiver-down then retry, and offline then online).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, mkdirSync, mkdtempSync, rmSync, existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { ROOT, SITE, serveSite, launch, clickId, waitIdle, afterFrames } from './lib.mjs';

const SHOTS = path.join(ROOT, 'build/e2e');
const SITE_DIR = process.env.SELFCHECK_SITE || SITE;  // a copy, while others rebuild the tree
const PORTAL = path.join(ROOT, 'build/native-release/selfcheck-portal');
const SAMPLES = path.join(ROOT, 'assets/data/samples');
const sample = n => readFileSync(path.join(SAMPLES, readdirSync(SAMPLES).filter(f => f.endsWith('.json')).sort()[n]), 'utf8');

let site, browser;
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await serveSite(SITE_DIR);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

// A fresh browser profile (own IndexedDB, service worker, caches) with the app open and its
// storage answered.
async function fresh({ width = 1280, height = 800, init } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(site.url);
  await ready(page);
  return { context, page, errors };
}
async function ready(page) {
  await page.waitForFunction(() => window.selfcheck && window.selfcheck.ready, null, { timeout: 30000 });
  await page.evaluate(() => window.selfcheck.ready);
  await page.waitForFunction(() => window.selfcheck.storage().status !== 'opening', null, { timeout: 10000 });
}
const storage = page => page.evaluate(() => window.selfcheck.storage());
const doc = async page => JSON.parse(await page.evaluate(() => window.selfcheck.document()));
async function waitSaved(page, timeout = 5000) {
  await page.waitForFunction(() => { const s = window.selfcheck.storage(); return s.current_id && s.saved_revision === s.revision; },
                             null, { timeout });
}
async function load(page, text) {
  const r = await page.evaluate(t => window.selfcheck.load(t), text);
  assert.equal(r.ok, true, JSON.stringify(r.errors));
  await waitSaved(page);
}
async function shot(page, name) {
  await waitIdle(page, 400).catch(() => {});
  await page.screenshot({ path: path.join(SHOTS, name) });
}
// ImGui drops typed characters while it still sees Ctrl held: let the frames after Ctrl+A run
// (the key-up reaches ImGui) before text arrives through the IME bridge.
async function typeInto(page, id, text, { replace = true } = {}) {
  await clickId(page, id);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
  if (replace) {
    await page.keyboard.press('Control+A');
    await afterFrames(page);
  }
  await page.keyboard.insertText(text);
}

test('first visit shows the start screen; edits are saved within a second; reload reopens the same document', async () => {
  const { context, page, errors } = await fresh();
  assert.ok((await page.evaluate(() => window.selfcheck.items()))['start.new'], 'start screen on the first visit');
  await shot(page, 'start-first-visit.png');
  await load(page, sample(0));
  await typeInto(page, 'profile.name', '绍兴测试印染有限公司');
  await page.keyboard.press('Enter');
  const t0 = Date.now();
  await page.waitForFunction(() => JSON.parse(window.selfcheck.document()).enterprise.name === '绍兴测试印染有限公司');
  // Saved without any other action. The latency (edit -> committed; the product aims at under a
  // second) is printed, not asserted: on a loaded 2-core machine it measured 2.9 s, a time limit
  // here would test the machine (speed is measured by scripts/bench, not asserted).
  await waitSaved(page, 15000);
  const st = await storage(page);
  console.log(`autosave: edit -> committed ${st.last_latency_ms.toFixed(0)} ms (IndexedDB tx ${st.last_tx_ms.toFixed(1)} ms), test saw it after ${Date.now() - t0} ms`);
  const before = await doc(page);

  await page.reload();
  await ready(page);
  await page.waitForFunction(id => window.selfcheck.storage().current_id === id, st.current_id);
  assert.deepEqual(await doc(page), before, 'the reloaded document is exactly the edited one');
  assert.equal((await storage(page)).saved_revision, (await storage(page)).revision);
  await shot(page, 'reload-restored.png');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const how of ['loaded', 'a sample opened from the start screen']) {
  test(`closing the tab right after an edit loses nothing (flush on pagehide): ${how}`, async () => {
    const { context, page } = await fresh();
    if (how === 'loaded') {
      await load(page, sample(5));
    } else {
      // The first edit of a sample asks "keep as my own?": the edit is kept whatever the answer,
      // even when the tab is closed with the question still open.
      await clickId(page, 'start.sample.0');
      await page.waitForFunction(() => window.selfcheck.items()['app.sample_badge']);
      await waitSaved(page);
    }
    await typeInto(page, 'profile.name', '关窗前最后一次修改');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => JSON.parse(window.selfcheck.document()).enterprise.name === '关窗前最后一次修改');
    if (how !== 'loaded') await page.waitForFunction(() => window.selfcheck.items()['sample.keep_as_own']);
    const st = await storage(page);
    if (st.saved_revision === st.revision) console.log('note: the autosave fired before the close (slow machine)');
    await page.close({ runBeforeUnload: true });
    const again = await context.newPage();
    await again.goto(site.url);
    await ready(again);
    await again.waitForFunction(() => JSON.parse(window.selfcheck.document()) !== null);
    assert.equal((await doc(again)).enterprise.name, '关窗前最后一次修改');
    await context.close();
  });
}

// The save transaction reads the stored revision before it writes, so a tab that closes while a
// save is in flight can lose it; every save is therefore journalled synchronously to localStorage
// first and the next start writes an orphan journal into the library. Made deterministic here: the
// save never reaches IndexedDB at all (every transaction refused), then the tab is closed.
test('a save that never reached IndexedDB before the tab closed is written at the next start', async () => {
  const { context, page } = await fresh();
  await load(page, sample(2));
  const id = (await storage(page)).current_id;
  await page.evaluate(() => {
    IDBDatabase.prototype.transaction = function () { throw new DOMException('refused by the test', 'InvalidStateError'); };
  });
  await typeInto(page, 'profile.name', '没写进数据库的修改');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => window.selfcheck.storage().error_code !== '');
  const st = await storage(page);
  assert.notEqual(st.saved_revision, st.revision, 'the failed save is not reported as saved');
  const journal = await page.evaluate(() => Object.keys(localStorage).filter(k => k.startsWith('selfcheck.journal.')).length);
  assert.equal(journal, 1, 'the unsaved edit is in the journal');
  await page.close({ runBeforeUnload: true });
  const again = await context.newPage();
  await again.goto(site.url);
  await ready(again);
  await again.waitForFunction(() => JSON.parse(window.selfcheck.document()) !== null);
  const st2 = await storage(again);
  assert.equal(st2.current_id, id, 'the same self-check, not a copy');
  assert.equal((await doc(again)).enterprise.name, '没写进数据库的修改');
  assert.equal(st2.entries.length, 1);
  assert.equal(await again.evaluate(() => window.selfcheckPlatformStats.journalReplays), 1);
  assert.equal(await again.evaluate(() => Object.keys(localStorage).filter(k => k.startsWith('selfcheck.journal.')).length), 0,
               'the journal is removed once written');
  await context.close();
});

test('an orphan journal older than the stored save is kept as a copy, never written over it', async () => {
  const { context, page } = await fresh();
  await load(page, sample(2));
  const st = await storage(page);
  const stale = JSON.parse(await page.evaluate(() => window.selfcheck.document()));
  stale.enterprise.name = '旧标签页里的修改';
  // A journal from a tab that is gone (its lock is free), based on a revision older than the stored one.
  await page.evaluate(([id, rev, text]) => {
    localStorage.setItem('selfcheck.journal.gone-tab', JSON.stringify({
      seq: 1, id, meta: JSON.stringify({ id, name: '旧标签页里的修改', updated_ms: Date.now() }), text, base: rev - 1,
      tab: 'gone-tab', t: Date.now(), closed: true }));
  }, [st.current_id, st.base_rev, JSON.stringify(stale)]);
  const kept = await doc(page);
  await page.reload();
  await ready(page);
  await page.waitForFunction(() => window.selfcheck.storage().entries.length === 2);
  const st2 = await storage(page);
  assert.notEqual(st2.current_id, st.current_id, 'the journal opens as a new self-check');
  assert.equal((await doc(page)).enterprise.name, '旧标签页里的修改');
  assert.match(st2.entries.find(e => e.id === st2.current_id).name, /^旧标签页里的修改（关闭页面前未保存的修改）$|^旧标签页里的修改 \(unsaved edits at close\)$/);
  const original = await page.evaluate(id => new Promise((res, rej) => {
    const r = indexedDB.open('selfcheck');
    r.onsuccess = () => {
      const g = r.result.transaction('texts', 'readonly').objectStore('texts').get(id);
      g.onsuccess = () => { r.result.close(); res(JSON.parse(g.result.text)); };
      g.onerror = () => rej(g.error);
    };
  }), st.current_id);
  assert.deepEqual(original, kept, 'the stored save is untouched');
  await context.close();
});

// Pinyin through an input method: while the user types "zhejiang" the candidates' preedit is
// shown in the bridge but never reaches the field; only the chosen characters are committed.
// Chromium's CDP Input.imeSetComposition / Input.insertText fire compositionstart/update/end as
// a system IME does (phone width: the layout a phone user gets).
test('pinyin through an input method: the preedit never reaches the field, the chosen characters do', async () => {
  const { context, page } = await fresh({ width: 390, height: 844 });
  await load(page, sample(2));
  const original = (await doc(page)).enterprise.name;
  await clickId(page, 'nav.menu');
  await clickId(page, 'nav.profile');
  await clickId(page, 'profile.name');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
  await page.keyboard.press('Control+A');
  await afterFrames(page);
  await page.keyboard.press('Backspace');
  await afterFrames(page);
  // The field commits on Enter: the name then holds exactly what reached the field, so any preedit
  // letter that leaked ("z", "zhe", "zhe jiang", "fang") would show in it.
  const cdp = await context.newCDPSession(page);
  for (const pre of ['z', 'zhe', 'zhe jiang']) {
    await cdp.send('Input.imeSetComposition', { text: pre, selectionStart: pre.length, selectionEnd: pre.length });
    await page.waitForFunction(t => document.getElementById('ime').value === t, pre);  // shown in the bridge
  }
  await cdp.send('Input.insertText', { text: '浙江' });  // the candidate chosen: commits the composition
  await page.waitForFunction(() => document.getElementById('ime').value === '');
  await cdp.send('Input.imeSetComposition', { text: 'fang', selectionStart: 4, selectionEnd: 4 });
  await page.waitForFunction(() => document.getElementById('ime').value === 'fang');
  await cdp.send('Input.insertText', { text: '纺织' });
  await page.waitForFunction(() => document.getElementById('ime').value === '');
  await afterFrames(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction(n => JSON.parse(window.selfcheck.document()).enterprise.name !== n, original);
  assert.equal((await doc(page)).enterprise.name, '浙江纺织');
  await context.close();
});

test('a document with errors is restored as it was (not replaced by the last valid one)', async () => {
  const { context, page } = await fresh();
  await load(page, sample(1));
  // A non-number in a number field: the document keeps the text and the core reports it.
  await typeInto(page, 'profile.value_added', '一万二');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => JSON.parse(window.selfcheck.document()).enterprise.value_added_10k_yuan === '一万二');
  assert.ok(JSON.parse(await page.evaluate(() => window.selfcheck.result())).errors, 'the core reports the error');
  await waitSaved(page, 1500);
  const before = await doc(page);
  await page.reload();
  await ready(page);
  assert.deepEqual(await doc(page), before, 'restored with the error, exactly as it was');
  assert.ok(JSON.parse(await page.evaluate(() => window.selfcheck.result())).errors);
  await shot(page, 'restored-with-error.png');
  await context.close();
});

test('library: duplicate, rename, delete with confirmation and undo; persisted', async () => {
  const { context, page } = await fresh();
  await load(page, sample(2));
  await load(page, sample(3));
  await clickId(page, 'nav.start');
  let st = await storage(page);
  assert.equal(st.entries.length, 2);
  const [b, a] = st.entries;  // newest first
  await clickId(page, `start.duplicate.${a.id}`);
  await page.waitForFunction(() => window.selfcheck.storage().entries.length === 3);
  st = await storage(page);
  const copy = st.entries.find(e => e.id !== a.id && e.id !== b.id);
  assert.match(copy.name, /副本/);

  await clickId(page, `start.rename.${b.id}`);
  await page.waitForFunction(() => window.selfcheck.items()['start.rename.input']);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
  await page.keyboard.press('Control+A');
  await afterFrames(page);
  await page.keyboard.insertText('堃喆培训用');
  await clickId(page, 'start.rename.ok');
  await page.waitForFunction(id => window.selfcheck.storage().entries.find(e => e.id === id).name === '堃喆培训用', b.id);

  await clickId(page, `start.delete.${copy.id}`);
  await page.waitForFunction(() => window.selfcheck.items()['start.delete.yes']);
  await shot(page, 'library-delete-confirm.png');
  await clickId(page, 'start.delete.yes');
  await page.waitForFunction(() => window.selfcheck.storage().entries.length === 2 && window.selfcheck.storage().can_undo);
  await shot(page, 'library-deleted-undo.png');
  await clickId(page, 'start.undo');
  await page.waitForFunction(() => window.selfcheck.storage().entries.length === 3);

  // The open one cannot be deleted.
  await clickId(page, `start.delete.${st.current_id}`);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => !!window.selfcheck.items()['start.delete.yes']), false);

  await page.reload();
  await ready(page);
  st = await storage(page);
  assert.equal(st.entries.length, 3, 'the library survives a reload');
  assert.ok(st.entries.some(e => e.name === '堃喆培训用'));
  await clickId(page, 'nav.start');
  // The list shows the rare characters too (fallback font fetched for the names alone).
  await page.waitForFunction(() => window.selfcheck.fonts().merged.includes('堃'), null, { timeout: 30000 });
  await shot(page, 'library.png');
  await context.close();
});

test('import: a bad file shows the errors and keeps the old data; a good file asks before replacing', async () => {
  const { context, page } = await fresh();
  await load(page, sample(0));
  const original = await doc(page);
  await clickId(page, 'nav.start');

  const bad = JSON.stringify({ schema: 'selfcheck/assessment', version: 1, enterprise: { name: '坏数据' },
                               energy: [{ carrier: 'electricity', quantity: 'abc', unit: 'kWh' }, { carrier: 'unobtainium', quantity: 1, unit: 't' }] });
  let chooser = page.waitForEvent('filechooser');
  await clickId(page, 'start.import');
  await (await chooser).setFiles({ name: '坏文件.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
  await page.waitForFunction(() => window.selfcheck.items()['import.invalid'], null, { timeout: 10000 });
  await shot(page, 'import-bad-file.png');
  assert.deepEqual(await doc(page), original, 'a bad file leaves the old data');
  // The same errors as the CLI, with paths.
  await clickId(page, 'import.close');

  const good = sample(4);
  chooser = page.waitForEvent('filechooser');
  await clickId(page, 'start.import');
  await (await chooser).setFiles({ name: '企业数据.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await page.waitForFunction(() => window.selfcheck.items()['import.ask'], null, { timeout: 10000 });
  await shot(page, 'import-ask.png');
  assert.deepEqual(await doc(page), original, 'nothing replaced before the confirmation');
  await clickId(page, 'import.open');
  await page.waitForFunction(n => JSON.parse(window.selfcheck.document()).enterprise.name === n, JSON.parse(good).enterprise.name);
  await waitSaved(page);
  assert.equal((await storage(page)).entries.length, 2, 'the imported file is a new saved self-check; the old one stays');
  await context.close();
});

test('a private window / storage failure is shown to the user', async () => {
  const { context, page } = await fresh({ init: () => { indexedDB.open = () => { throw new DOMException('denied', 'SecurityError'); }; } });
  const st = await storage(page);
  assert.equal(st.status, 'unavailable');
  await page.waitForFunction(() => window.selfcheck.items()['storage.error']);
  await shot(page, 'storage-unavailable.png');
  await context.close();
});

test('a name with 堃 and 喆 fetches the fallback font and rebuilds the atlas', async () => {
  const { context, page } = await fresh();
  const d = JSON.parse(sample(0));
  d.enterprise.name = '王堃喆节能科技有限公司';
  await load(page, JSON.stringify(d));
  await page.waitForFunction(() => window.selfcheck.fonts().rebuilds >= 1, null, { timeout: 30000 });
  const f = await page.evaluate(() => window.selfcheck.fonts());
  const js = await page.evaluate(() => window.selfcheckPlatformStats);
  console.log(`fallback font: ${f.fallback_bytes} bytes fetched in ${js.fontMs.toFixed(0)} ms; atlas rebuild ${f.last_rebuild_ms.toFixed(0)} ms, ${f.glyphs} glyphs`);
  assert.equal(f.fallback, 'ready');
  assert.ok(f.merged.includes('堃') && f.merged.includes('喆'), f.merged);
  assert.equal(f.unavailable, '');
  // Typed text too: 鿏 (U+9FCF) is outside GB2312 but in the URO.
  await typeInto(page, 'profile.name', '鿏', { replace: false });
  await page.waitForFunction(() => window.selfcheck.fonts().merged.includes('鿏'), null, { timeout: 10000 });
  assert.equal((await page.evaluate(() => window.selfcheckPlatformStats)).fontFetches, 1, 'fetched once');
  await page.keyboard.press('Enter');
  await shot(page, 'fallback-font-kun-zhe.png');
  await context.close();
});

test('report opens in a new tab; report, JSON and CSV downloads', async () => {
  const { context, page } = await fresh();
  await load(page, sample(0));
  const name = (await doc(page)).enterprise.name;
  await clickId(page, 'nav.report');
  await page.waitForFunction(() => window.selfcheck.items()['report.view']);
  await shot(page, 'report-screen.png');

  const popup = context.waitForEvent('page');
  await clickId(page, 'report.view');
  const tab = await popup;
  await tab.waitForLoadState();
  assert.match(tab.url(), /^blob:/);
  assert.ok((await tab.content()).includes(name.replace(/&/g, '&amp;')), 'the report names the enterprise');
  await tab.screenshot({ path: path.join(SHOTS, 'report-tab.png') });
  await tab.close();

  let dl = page.waitForEvent('download');
  await clickId(page, 'report.download_json');
  let d = await dl;
  assert.match(d.suggestedFilename(), /^节能降碳自诊断_.*\.json$/);
  assert.deepEqual(JSON.parse(readFileSync(await d.path(), 'utf8')), await doc(page));

  dl = page.waitForEvent('download');
  await clickId(page, 'report.download_html');
  d = await dl;
  assert.match(d.suggestedFilename(), /^节能降碳自诊断报告_.*\.html$/);
  assert.match(readFileSync(await d.path(), 'utf8'), /<html/i);

  dl = page.waitForEvent('download');
  await clickId(page, 'report.csv.energy.csv');
  d = await dl;
  const csv = readFileSync(await d.path());
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 BOM');
  await context.close();
});

test('service worker: registered, and the page loads offline on a second visit', async () => {
  const { context, page } = await fresh();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(async () => {
    const keys = await caches.keys();
    const k = keys.find(x => x.startsWith('selfcheck-'));
    if (!k) return false;
    const c = await caches.open(k);
    return (await c.keys()).length >= 8;
  }, null, { timeout: 30000, polling: 250 });
  const sw = readFileSync(path.join(SITE_DIR, 'sw.js'), 'utf8');
  const id = sw.match(/const BUILD = '([0-9a-f]+)'/)[1];
  assert.deepEqual(await page.evaluate(() => caches.keys()), [`selfcheck-${id}`], 'cache named after the build');
  await context.setOffline(true);
  await page.reload();
  await ready(page);
  assert.ok(await page.evaluate(() => !!navigator.serviceWorker.controller));
  assert.ok(await page.evaluate(() => window.selfcheck.frames()) >= 1);
  await shot(page, 'offline-second-visit.png');
  await context.close();
});

// ---- upload against a real receiver
function freePort() {
  return new Promise(res => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });
}
function startPortal(port, origin, db) {
  const p = spawn(PORTAL, ['--port', String(port), '--db', db, '--allow-origin', origin, '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((res, rej) => {
    p.stdout.once('data', () => res(p));
    p.once('exit', c => rej(new Error('portal exited ' + c)));
  });
}

test('upload: preview, confirm, queued while the receiver is down, accepted after it starts; offline then online', async () => {
  assert.ok(existsSync(PORTAL), `${PORTAL} missing: scripts/build`);
  const port = await freePort();
  const origin = site.url.replace(/\/$/, '');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'sc-portal-'));
  let portal;
  const { context, page } = await fresh();
  try {
    await load(page, sample(0));
    await clickId(page, 'nav.report');
    await typeInto(page, 'upload.url', `http://127.0.0.1:${port}`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(p => window.selfcheck.uploads().receiver_url === `http://127.0.0.1:${p}`, port);

    // Nothing is sent before the confirmation.
    await clickId(page, 'upload.prepare');
    await page.waitForFunction(() => window.selfcheck.items()['upload.preview']);
    assert.equal((await page.evaluate(() => window.selfcheck.uploads())).records.length, 0);
    assert.equal(await page.evaluate(() => window.selfcheckPlatformStats.uploads), 0);
    await shot(page, 'upload-preview.png');
    await clickId(page, 'upload.confirm_check');
    await clickId(page, 'upload.send');

    // Receiver down: network failure (status 0), kept pending and retried.
    await page.waitForFunction(() => { const r = window.selfcheck.uploads().records[0]; return r && r.status === 'pending' && r.attempts >= 1 && r.http_status === 0; },
                               null, { timeout: 20000 });
    const id = (await page.evaluate(() => window.selfcheck.uploads())).records[0].submission_id;
    await shot(page, 'upload-pending.png');

    portal = await startPortal(port, origin, path.join(tmp, 'p.sqlite'));
    await page.waitForFunction(() => window.selfcheck.uploads().records[0].status === 'accepted', null, { timeout: 40000 });
    const rec = (await page.evaluate(() => window.selfcheck.uploads())).records[0];
    assert.equal(rec.submission_id, id);
    assert.equal(rec.receipt.status, 'accepted');
    const r = await fetch(`http://127.0.0.1:${port}/api/v1/submissions/${id}`);
    assert.equal(r.status, 200, 'the receiver has it');
    assert.equal((await r.json()).content_sha256, rec.receipt.content_sha256);
    await shot(page, 'upload-accepted.png');

    // Offline: queued; back online: sent at once.
    await context.setOffline(true);
    await clickId(page, 'upload.prepare');
    await page.waitForFunction(() => window.selfcheck.items()['upload.confirm_check']);
    await clickId(page, 'upload.confirm_check');
    await clickId(page, 'upload.send');
    await page.waitForFunction(() => { const r = window.selfcheck.uploads().records; return r.length === 2 && r.some(x => x.status === 'pending' && x.attempts >= 1); },
                               null, { timeout: 20000 });
    await context.setOffline(false);
    await page.waitForFunction(() => window.selfcheck.uploads().records.every(x => x.status === 'accepted'), null, { timeout: 20000 });
  } finally {
    portal?.kill('SIGTERM');
    await context.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});
