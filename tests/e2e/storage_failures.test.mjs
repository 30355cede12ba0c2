// Storage failures injected in the page, in either engine: quota exceeded, a write that fails
// half-way, IndexedDB unavailable (private mode). Each time the user is told at once (a banner in
// Chinese and English), the edit stays in memory, and export still works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SITE, ENGINE, serveSite, launchEngine } from './lib.mjs';

const SITE_DIR = process.env.SELFCHECK_SITE || SITE;
const SAMPLES = path.join(ROOT, 'assets/data/samples');
const sample = n => readFileSync(path.join(SAMPLES, readdirSync(SAMPLES).filter(f => f.endsWith('.json')).sort()[n]), 'utf8');

// window.__failPut = 'quota' | 'abort' switches the failure on for the 'texts' store.
const INJECT = () => {
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (...args) {
    if (this.name === 'texts' && window.__failPut === 'quota') throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const r = put.apply(this, args);
    if (this.name === 'texts' && window.__failPut === 'abort') this.transaction.abort();  // after meta was put: half-way
    return r;
  };
};

let site, eng;
before(async () => { site = await serveSite(SITE_DIR); eng = await launchEngine(ENGINE); });
after(async () => { await eng?.close(); await site?.close(); });

// The stored copy of a self-check, read straight from IndexedDB.
const stored = (page, id) => page.evaluate(id => new Promise((res, rej) => {
  const r = indexedDB.open('selfcheck');
  r.onsuccess = () => {
    const t = r.result.transaction(['docs', 'texts'], 'readonly');
    const out = {};
    t.objectStore('docs').get(id).onsuccess = e => { out.meta = e.target.result; };
    t.objectStore('texts').get(id).onsuccess = e => { out.doc = e.target.result && JSON.parse(e.target.result.text); };
    t.oncomplete = () => { r.result.close(); res(out); };
    t.onerror = () => rej(t.error);
  };
  r.onerror = () => rej(r.error);
}), id);

async function failingSave(kind, code, zh, en) {
  const session = await eng.session({ init: INJECT });
  const page = await session.page();
  try {
    await page.goto(site.url);
    await page.ready();
    await page.load(sample(0));
    const id = (await page.storage()).current_id;
    const before = await stored(page, id);
    await page.evaluate(k => { window.__failPut = k; }, kind);
    await page.typeInto('profile.name', `${kind} 时的修改`);
    await page.press('Enter');
    const t0 = Date.now();
    await page.waitFor(c => window.selfcheck.storage().error_code === c && window.selfcheck.items()['storage.error'], code);
    const told = Date.now() - t0;
    console.log(`${ENGINE}: ${kind}: banner ${told} ms after the edit`);
    assert.ok(told < 2000, `told at once (${told} ms)`);
    const st = await page.storage();
    assert.ok(st.error.includes(zh) && st.error.includes(en), st.error);
    assert.notEqual(st.saved_revision, st.revision, 'not reported as saved');
    assert.equal((await page.doc()).enterprise.name, `${kind} 时的修改`, 'the edit stays in memory');
    // Nothing half-written: the stored copy is still the previous save, meta and text alike.
    const after = await stored(page, id);
    assert.deepEqual(after.doc, before.doc);
    assert.equal(after.meta.rev, before.meta.rev);
    // Export from the banner carries the edit.
    await page.clickId('storage.error.export');
    const d = await page.download(0);
    assert.equal(JSON.parse(d.text).enterprise.name, `${kind} 时的修改`);
    // Storage recovers: the next change is saved.
    await page.evaluate(() => { window.__failPut = null; });
    await page.typeInto('profile.name', '恢复后的修改');
    await page.press('Enter');
    await page.waitSaved(3000);
    assert.equal((await stored(page, id)).doc.enterprise.name, '恢复后的修改');
  } finally { await session.close(); }
}

test(`${ENGINE}: quota exceeded`, () => failingSave('quota', 'quota', '存储空间已满', 'storage is full'));
test(`${ENGINE}: a write that fails half-way leaves the previous save whole`, () =>
  failingSave('abort', 'aborted', '保存中途失败', 'failed part-way'));

test(`${ENGINE}: IndexedDB unavailable (private mode): told, edits stay, export works`, async () => {
  const session = await eng.session({ init: () => { IDBFactory.prototype.open = function () { throw new DOMException('The operation is insecure.', 'SecurityError'); }; } });
  const page = await session.page();
  try {
    await page.goto(site.url);
    await page.ready();
    const st = await page.storage();
    assert.equal(st.status, 'unavailable');
    assert.equal(st.error_code, 'unavailable');
    assert.ok(st.error.includes('无法保存数据') && st.error.includes('cannot save data'), st.error);
    await page.waitFor(() => window.selfcheck.items()['storage.error']);
    const r = await page.evaluate(t => window.selfcheck.load(t), sample(2));
    assert.equal(r.ok, true);
    await page.typeInto('profile.name', '无痕窗口里的修改');
    await page.press('Enter');
    await page.waitFor(() => JSON.parse(window.selfcheck.document()).enterprise.name === '无痕窗口里的修改');
    await page.clickId('storage.error.export');
    const d = await page.download(0);
    assert.equal(JSON.parse(d.text).enterprise.name, '无痕窗口里的修改');
  } finally { await session.close(); }
});
