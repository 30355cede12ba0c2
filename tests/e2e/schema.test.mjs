// Schema upgrades, in either engine: a browser store written by store version 1 (fixture in
// tests/fixtures/indexeddb/) opens in today's app, upgraded in place with nothing lost; a document
// saved by a newer version (tests/fixtures/documents/v99_future.json) is kept verbatim, not
// truncated and not overwritten.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SITE, ENGINE, serveSite, launchEngine } from './lib.mjs';

const SITE_DIR = process.env.SELFCHECK_SITE || SITE;
const FIX = path.join(ROOT, 'tests/fixtures');
const storeV1 = JSON.parse(readFileSync(path.join(FIX, 'indexeddb/store_v1.json'), 'utf8'));
const future = readFileSync(path.join(FIX, 'documents/v99_future.json'), 'utf8');

let site, eng;
before(async () => { site = await serveSite(SITE_DIR); eng = await launchEngine(ENGINE); });
after(async () => { await eng?.close(); await site?.close(); });

// Write a store as an older version did, from a page of the same origin that is not the app.
const writeStore = (page, store) => page.evaluate(s => new Promise((res, rej) => {
  const r = indexedDB.open('selfcheck', s.version);
  r.onupgradeneeded = () => {
    const d = r.result;
    d.createObjectStore('docs', { keyPath: 'id' });
    d.createObjectStore('texts', { keyPath: 'id' });
    d.createObjectStore('meta');
    d.createObjectStore('outbox', { keyPath: 'submission_id' });
  };
  r.onsuccess = () => {
    const t = r.result.transaction(['docs', 'texts', 'meta', 'outbox'], 'readwrite');
    for (const x of s.docs) t.objectStore('docs').put(x);
    for (const x of s.texts) t.objectStore('texts').put(x);
    for (const [k, v] of Object.entries(s.meta)) t.objectStore('meta').put(v, k);
    t.oncomplete = () => { r.result.close(); res(); };
    t.onerror = () => rej(t.error);
  };
  r.onerror = () => rej(r.error);
}), store);

const readStore = page => page.evaluate(() => new Promise((res, rej) => {
  const r = indexedDB.open('selfcheck');
  r.onsuccess = () => {
    const t = r.result.transaction(['docs', 'texts'], 'readonly');
    const out = { version: r.result.version };
    t.objectStore('docs').getAll().onsuccess = e => { out.docs = e.target.result; };
    t.objectStore('texts').getAll().onsuccess = e => { out.texts = e.target.result; };
    t.oncomplete = () => { r.result.close(); res(out); };
  };
  r.onerror = () => rej(r.error);
}));

test(`${ENGINE}: a version-1 store opens, upgraded in place, the open self-check and settings restored`, async () => {
  const session = await eng.session();
  try {
    const setup = await session.page();
    await setup.goto(site.url + 'fixture-origin-page');  // 404, but the same origin
    await writeStore(setup, storeV1);
    await setup.close();

    const page = await session.page();
    await page.goto(site.url);
    await page.ready();
    const cur = storeV1.meta.current;
    await page.waitFor(id => window.selfcheck.storage().current_id === id, cur);
    const st = await page.storage();
    assert.equal(st.base_rev, 1, 'upgraded records start at revision 1');
    assert.equal(st.entries.length, 2);
    assert.deepEqual(await page.doc(), JSON.parse(storeV1.texts[0].text), 'the document exactly as stored');
    assert.equal((await page.evaluate(() => window.selfcheck.uploads())).receiver_url, storeV1.meta.settings.receiver_url);
    const s = await readStore(page);
    assert.equal(s.version, 2);
    assert.ok(s.docs.every(d => d.rev === 1), JSON.stringify(s.docs.map(d => d.rev)));
    assert.deepEqual(s.texts.map(t => t.text).sort(), storeV1.texts.map(t => t.text).sort(), 'texts untouched');
    // And it keeps working: an edit is saved as revision 2.
    await page.typeInto('profile.name', '升级后修改');
    await page.press('Enter');
    await page.waitSaved(3000);
    assert.equal((await page.storage()).base_rev, 2);
  } finally { await session.close(); }
});

test(`${ENGINE}: a document from a newer version is kept verbatim and not overwritten`, async () => {
  const session = await eng.session();
  try {
    const setup = await session.page();
    await setup.goto(site.url + 'fixture-origin-page');
    const store = {
      version: 2, docs: [{ id: 'f', name: '未来版本', rev: 3, created_ms: 1, updated_ms: 2 }],
      texts: [{ id: 'f', text: future }], meta: { current: 'f' },
    };
    await writeStore(setup, store);
    await setup.close();

    const page = await session.page();
    await page.goto(site.url);
    await page.ready();
    await page.waitFor(() => window.selfcheck.storage().current_id === 'f');
    assert.deepEqual(await page.doc(), JSON.parse(future), 'every key kept, including the ones this version does not know');
    const res = JSON.parse(await page.evaluate(() => window.selfcheck.result()));
    assert.ok(res.errors && res.errors.some(e => e.path === '/version'), 'the user is told it is from a newer version');
    await page.evaluate(() => window.Module.ccall('app_storage_flush', null, [], []));
    const s = await readStore(page);
    assert.equal(s.texts[0].text, future, 'stored text untouched');
    assert.equal(s.docs[0].rev, 3);
  } finally { await session.close(); }
});
