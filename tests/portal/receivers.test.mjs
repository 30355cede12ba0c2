// Two receiver processes on one database (PostgreSQL: a city's deployment behind a proxy; SQLite:
// two processes on one file) and concurrent clients sending overlapping submission ids to both:
// every id is stored exactly once, every retry of the same content gets the first receipt byte for
// byte, different content under a taken id gets 409, and nothing is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startPortal, tempDir, readSample, makeSubmission, post, get, freshDb, store } from './helpers.mjs';

const IDS = 150, RIVALS = 40, COPIES = 3, CONCURRENCY = 24;
const token = 'receivers-token-' + randomUUID();

function shuffle(a) {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

test(`two receivers on one ${store} database, ${CONCURRENCY} clients, overlapping ids: no loss, no duplicate`, async () => {
  const t = tempDir();
  const db = freshDb(t, 'shared');
  // PostgreSQL: the second receiver's URI carries a password (trust authentication ignores it);
  // its banner must show it masked.
  const dbB = store === 'postgresql' ? db.replace('postgresql://selfcheck@', 'postgresql://selfcheck:s3cr3t-pw@') : db;
  const args = ['--admin-token', token, '--rate', '0'];
  const [a, b] = await Promise.all([startPortal(db, args), startPortal(dbB, args)]);
  try {
    if (store === 'postgresql') {
      assert.match(b.banner, /db=postgresql:\/\/selfcheck:\*\*\*@\//);
      assert.ok(!b.banner.includes('s3cr3t-pw'));
    }
    const bases = ['01_dyeing_shaoxing.json', '03_paper_fuyang.json', '07_machinery_ningbo.json']
      .map((s) => makeSubmission(readSample(s)));
    // IDS honest submissions; the first RIVALS ids also have a rival with other content (another
    // created_at) racing for the same id.
    const ids = Array.from({ length: IDS }, () => randomUUID());
    const requests = [];
    ids.forEach((id, i) => {
      const honest = JSON.stringify({ ...bases[i % bases.length], submission_id: id });
      for (let c = 0; c < COPIES; c++) requests.push({ id, body: honest, kind: 'honest' });
      if (i < RIVALS) {
        const rival = JSON.stringify({ ...bases[i % bases.length], submission_id: id, created_at: '2025-03-02T09:00:00Z' });
        for (let c = 0; c < 2; c++) requests.push({ id, body: rival, kind: 'rival' });
      }
    });
    shuffle(requests);
    const urls = [a.url, b.url];
    let next = 0;
    const results = [];
    async function client(k) {
      while (next < requests.length) {
        const i = next++;
        const q = requests[i];
        const r = await post(urls[(i + k) % 2], q.body);
        results.push({ ...q, status: r.status, text: r.text, json: r.json });
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, (_, k) => client(k)));
    assert.equal(results.length, requests.length);
    const bad = results.filter((r) => ![200, 201, 409].includes(r.status));
    assert.deepEqual(bad.map((r) => `${r.status} ${r.text.slice(0, 200)}`), [], 'only 201, 200 or 409');

    const byId = new Map(ids.map((id) => [id, []]));
    for (const r of results) byId.get(r.id).push(r);
    for (const [id, rs] of byId) {
      const created = rs.filter((r) => r.status === 201);
      assert.equal(created.length, 1, `${id}: ${rs.map((r) => r.status).join()}`);
      const winner = created[0];
      for (const r of rs) {
        if (r.body === winner.body) {
          assert.ok(r.status === 201 || r.status === 200, `${id}: same content answered ${r.status}`);
          assert.equal(r.text, winner.text, `${id}: every receipt of the same content is the first, byte for byte`);
        } else {
          assert.equal(r.status, 409, `${id}: other content under a taken id`);
          assert.equal(r.json.errors[0].code, 'id_conflict');
        }
      }
      if (ids.indexOf(id) >= RIVALS) assert.equal(winner.kind, 'honest');
    }

    // Both receivers see the same, complete set: each id once, with the winner's content.
    const auth = { Authorization: `Bearer ${token}` };
    const lists = await Promise.all(urls.map((u) => get(u, `/api/v1/submissions?limit=100000`, auth)));
    for (const l of lists) {
      assert.equal(l.status, 200);
      const got = l.json.submissions.map((s) => s.submission_id);
      assert.equal(got.length, IDS, 'no loss, no duplicate');
      assert.equal(new Set(got).size, IDS);
      assert.deepEqual([...got].sort(), [...ids].sort());
      for (const s of l.json.submissions) {
        const winner = byId.get(s.submission_id).find((r) => r.status === 201);
        assert.equal(s.content_sha256, winner.json.content_sha256);
      }
    }
    assert.deepEqual(lists[0].json.submissions, lists[1].json.submissions, 'the same rows in the same order');
    for (const id of ids.slice(0, 5)) {
      const ra = await get(a.url, `/api/v1/submissions/${id}`), rb = await get(b.url, `/api/v1/submissions/${id}`);
      assert.equal(ra.status, 200);
      assert.equal(ra.text, rb.text);
    }
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    t.cleanup();
  }
});

test('PostgreSQL stops and comes back: the receiver answers 503 meanwhile, then reconnects and loses nothing',
  { skip: store !== 'postgresql' && 'PostgreSQL only' }, async () => {
    // Its own cluster: stopping the shared one would disturb other test files.
    const { startCluster } = await import('./pgcluster.mjs');
    const pg = await startCluster();
    const db = pg.createDb();
    const p = await startPortal(db, ['--admin-token', token, '--rate', '0', '--db-connections', '2']);
    try {
      const base = makeSubmission(readSample());
      const one = (id) => ({ ...base, submission_id: id });
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      // Fill the pool with open connections.
      const first = await Promise.all([post(p.url, one(ids[0])), get(p.url, `/api/v1/submissions/${randomUUID()}`)]);
      assert.equal(first[0].status, 201, first[0].text);

      pg.pause();
      const down = await post(p.url, one(ids[1]));
      assert.equal(down.status, 503, down.text);
      assert.equal(down.json.errors[0].code, 'storage_failed');
      assert.match(down.headers.get('retry-after'), /^\d+$/);

      pg.resume();
      // Pooled connections died with the server: each is replaced on first use.
      const again = await post(p.url, one(ids[1]));
      assert.equal(again.status, 201, again.text);
      assert.equal((await post(p.url, one(ids[2]))).status, 201);
      assert.equal((await post(p.url, one(ids[0]))).status, 200, 'stored before the stop');
      const list = await get(p.url, '/api/v1/submissions', { Authorization: `Bearer ${token}` });
      assert.deepEqual(list.json.submissions.map((s) => s.submission_id), ids);
    } finally {
      await p.stop();
      pg.stop();
    }
  });
