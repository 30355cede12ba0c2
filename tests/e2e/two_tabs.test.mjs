// Two tabs on one self-check, in either engine: a save in one tab is announced to the other
// (BroadcastChannel) and checked against the stored revision inside the write transaction, so a
// tab never silently overwrites the other's edits; the stale tab offers reload or save-as-copy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, SITE, ENGINE, serveSite, launchEngine } from './lib.mjs';

const SITE_DIR = process.env.SELFCHECK_SITE || SITE;
const SAMPLES = path.join(ROOT, 'assets/data/samples');
const sample = n => readFileSync(path.join(SAMPLES, readdirSync(SAMPLES).filter(f => f.endsWith('.json')).sort()[n]), 'utf8');

let site, eng;
before(async () => { site = await serveSite(SITE_DIR); eng = await launchEngine(ENGINE); });
after(async () => { await eng?.close(); await site?.close(); });

const storedName = (page, id) => page.evaluate(id => new Promise((res, rej) => {
  const r = indexedDB.open('selfcheck');
  r.onsuccess = () => {
    const q = r.result.transaction('texts', 'readonly').objectStore('texts').get(id);
    q.onsuccess = () => { r.result.close(); res(q.result ? JSON.parse(q.result.text).enterprise.name : null); };
    q.onerror = () => rej(q.error);
  };
}), id);

async function twoTabs(init) {
  const session = await eng.session({ init });
  const a = await session.page();
  await a.goto(site.url);
  await a.ready();
  await a.load(sample(0));
  const id = (await a.storage()).current_id;
  const b = await session.page();
  await b.goto(site.url);
  await b.ready();
  await b.waitFor(i => window.selfcheck.storage().current_id === i, id);  // B reopened the same one
  return { session, a, b, id };
}

async function editAndSave(page, name) {
  await page.typeInto('profile.name', name);
  await page.press('Enter');
  await page.waitFor(n => JSON.parse(window.selfcheck.document()).enterprise.name === n, name);
}

test(`${ENGINE}: the other tab is told; its edits never overwrite; save as copy keeps both`, async () => {
  const { session, a, b, id } = await twoTabs();
  try {
    await editAndSave(a, 'A 页的修改');
    await a.waitSaved();
    await b.waitFor(() => window.selfcheck.storage().changed_elsewhere && window.selfcheck.items()['storage.changed_elsewhere']);
    await editAndSave(b, 'B 页的修改');
    // The riskiest moment: the tab is hidden or closed with unsaved edits (flush). Nothing is written.
    await b.evaluate(() => window.Module.ccall('app_storage_flush', null, [], []));
    const sb0 = await b.storage();
    assert.ok(sb0.changed_elsewhere && sb0.saved_revision !== sb0.revision, JSON.stringify(sb0));
    assert.equal(await storedName(a, id), 'A 页的修改', 'B did not overwrite A');
    await b.clickId('storage.save_copy');
    await b.waitSaved();
    const sb = await b.storage();
    assert.notEqual(sb.current_id, id, 'B kept its version as a new self-check');
    assert.equal(sb.changed_elsewhere, false);
    assert.equal(await storedName(b, sb.current_id), 'B 页的修改');
    assert.equal(await storedName(b, id), 'A 页的修改', 'and A\'s version is still there');
    await a.waitFor(() => window.selfcheck.storage().changed_elsewhere === false);
  } finally { await session.close(); }
});

test(`${ENGINE}: reload takes the other tab's version; then this tab saves on top of it`, async () => {
  const { session, a, b, id } = await twoTabs();
  try {
    await editAndSave(a, 'A 先改');
    await a.waitSaved();
    await b.waitFor(() => window.selfcheck.storage().changed_elsewhere);
    await b.clickId('storage.reload_latest');
    await b.waitFor(() => JSON.parse(window.selfcheck.document()).enterprise.name === 'A 先改' && !window.selfcheck.storage().changed_elsewhere);
    await editAndSave(b, 'B 在 A 之后改');
    await b.waitSaved();
    assert.equal(await storedName(b, id), 'B 在 A 之后改');
    await a.waitFor(() => window.selfcheck.storage().changed_elsewhere);  // now A is the stale one
  } finally { await session.close(); }
});

test(`${ENGINE}: without BroadcastChannel the revision check alone refuses the stale save`, async () => {
  const { session, a, b, id } = await twoTabs(() => { delete window.BroadcastChannel; });
  try {
    await editAndSave(a, 'A 无广播');
    await a.waitSaved();
    assert.equal((await b.storage()).changed_elsewhere, false, 'B was not told (no channel)');
    await editAndSave(b, 'B 无广播');
    await b.waitFor(() => window.selfcheck.storage().changed_elsewhere && window.selfcheck.items()['storage.changed_elsewhere']);
    assert.equal(await storedName(a, id), 'A 无广播', 'the stale save was refused');
  } finally { await session.close(); }
});
