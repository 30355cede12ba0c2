// Durability under load: 500 submissions from concurrent clients, every acknowledged one stored;
// the receiver killed with SIGKILL in the middle of a load and restarted on the same database,
// every acknowledged submission still there (acknowledgement only after the commit).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startPortal, tempDir, readSample, makeSubmission, uploadAll, get, freshDb } from './helpers.mjs';

const N = 500, CONCURRENCY = 16;
const token = 'load-token-' + randomUUID();

function bodies(n) {
  const samples = ['01_dyeing_shaoxing.json', '03_paper_fuyang.json', '07_machinery_ningbo.json'];
  const bases = samples.map((s) => makeSubmission(readSample(s)));
  return Array.from({ length: n }, (_, i) => JSON.stringify({ ...bases[i % bases.length], submission_id: randomUUID() }));
}

async function storedIds(url) {
  const r = await get(url, '/api/v1/submissions?limit=100000', { Authorization: `Bearer ${token}` });
  assert.equal(r.status, 200);
  return new Set(r.json.submissions.map((s) => s.submission_id));
}

test(`${N} submissions from ${CONCURRENCY} concurrent clients: every acknowledged one is stored`, async () => {
  const t = tempDir();
  const p = await startPortal(freshDb(t, 'load'), ['--admin-token', token, '--rate', '0']);
  try {
    const b = bodies(N);
    const results = await uploadAll(p.url, b, CONCURRENCY);
    const created = results.filter((r) => r.status === 201);
    assert.equal(created.length, N, JSON.stringify(results.filter((r) => r.status !== 201).slice(0, 3)));
    const ids = await storedIds(p.url);
    assert.equal(ids.size, N);
    for (const r of created) assert.ok(ids.has(r.receipt.submission_id));
  } finally {
    await p.stop();
    t.cleanup();
  }
});

test('SIGKILL in the middle of a load: every acknowledged submission survives the restart', async () => {
  const t = tempDir();
  const db = freshDb(t, 'crash');
  let p = await startPortal(db, ['--admin-token', token, '--rate', '0']);
  try {
    const b = bodies(N);
    let acknowledged = 0, killed = null;
    const results = await uploadAll(p.url, b, CONCURRENCY, {
      onResult: (r) => {
        if (r.status === 201) acknowledged++;
        if (acknowledged >= N / 3 && !killed) killed = p.kill();
      },
    });
    await killed;
    const acked = results.map((r, i) => [r, i]).filter(([r]) => r.status === 201);
    const lost = results.filter((r) => r.status === 0).length;
    assert.ok(acked.length >= N / 3 && acked.length < N, `acknowledged ${acked.length}`);
    assert.ok(lost > 0, 'the kill interrupted the load');
    assert.ok(results.every((r) => r.status === 201 || r.status === 0), 'only 201 or network failure');

    p = await startPortal(db, ['--admin-token', token, '--rate', '0']);
    const ids = await storedIds(p.url);
    for (const [r] of acked) assert.ok(ids.has(r.receipt.submission_id), `lost acknowledged ${r.receipt.submission_id}`);
    // The client retries what was not acknowledged: in-flight ones that did commit answer 200.
    const retry = acked.length === N ? [] : results.map((r, i) => [r, i]).filter(([r]) => r.status !== 201).map(([, i]) => b[i]);
    const again = await uploadAll(p.url, retry, CONCURRENCY);
    assert.ok(again.every((r) => r.status === 201 || r.status === 200), JSON.stringify(again.find((r) => r.status >= 300)));
    assert.equal((await storedIds(p.url)).size, N);
  } finally {
    await p.stop();
    t.cleanup();
  }
});
