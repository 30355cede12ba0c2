// The receiver's HTTP contract (docs/submission.md): status codes, receipts, admin, CORS. Runs once
// per store: SQLite (node --test tests/portal/) and PostgreSQL (through with-postgres.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { startPortal, tempDir, readSample, makeSubmission, post, get, freshDb, store, portalBin } from './helpers.mjs';

const origin = 'http://app.example.test';
const token = 'test-admin-token-' + randomUUID();
let tmp, portal, url, honest;

before(async () => {
  tmp = tempDir();
  portal = await startPortal(freshDb(tmp, 'portal'),
    ['--admin-token', token, '--allow-origin', origin, '--rate', '1000', '--burst', '1000', '--max-bytes', '262144'],
    { quiet: false });
  url = portal.url;
  honest = makeSubmission(readSample());
});

after(async () => {
  await portal.stop();
  tmp.cleanup();
});

test('the receiver listens on loopback only by default', () => {
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
});

test(`the receiver stores in ${store}`, () => {
  assert.match(portal.banner, new RegExp(` store=${store} `), portal.banner);
});

test('a database that cannot be opened stops the receiver with a message, never its password', () => {
  const r = spawnSync(portalBin, ['--port', '0', '--quiet', '--db',
    'postgresql://someone:pa55word@/nodb?host=/nonexistent-selfcheck-socket-dir&connect_timeout=2'], { encoding: 'utf8' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /cannot open database postgresql:\/\/someone:\*\*\*@\/nodb/);
  assert.ok(!r.stderr.includes('pa55word') && !r.stdout.includes('pa55word'), r.stderr);
});

test('an honest submission is accepted with a receipt (201)', async () => {
  const r = await post(url, honest);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.json.submission_id, honest.submission_id);
  assert.equal(r.json.status, 'accepted');
  assert.match(r.json.content_sha256, /^[0-9a-f]{64}$/);
  assert.match(r.json.received_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(r.json.key_figures['energy.total_tce'], honest.result.energy.total_tce);
  assert.equal(r.json.key_figures['emissions.total_tco2'], honest.result.emissions.total_tco2);
});

test('the same id and content again returns the same receipt (200), whatever the formatting', async () => {
  const first = await get(url, `/api/v1/submissions/${honest.submission_id}`);
  assert.equal(first.status, 200);
  const again = await post(url, JSON.stringify(honest, null, 2));
  assert.equal(again.status, 200, again.text);
  assert.equal(again.text, first.text);
});

test('the same id with different content is a conflict (409)', async () => {
  const changed = structuredClone(honest);
  changed.created_at = '2025-03-02T08:00:00Z';
  const r = await post(url, changed);
  assert.equal(r.status, 409, r.text);
  assert.equal(r.json.errors[0].path, '/submission_id');
  assert.ok(r.json.errors[0].message_zh && r.json.errors[0].message_en);
});

test('an altered result is rejected with the disagreeing figures (422)', async () => {
  const altered = structuredClone(honest);
  altered.submission_id = randomUUID();
  altered.result.emissions.total_tco2 *= 0.5;
  const r = await post(url, altered);
  assert.equal(r.status, 422, r.text);
  const paths = r.json.errors.map((e) => e.path);
  assert.ok(paths.includes('/result/emissions/total_tco2'), paths.join());
  for (const e of r.json.errors) assert.ok(e.message_zh && e.message_en && e.code);
  const stored = await get(url, `/api/v1/submissions/${altered.submission_id}`);
  assert.equal(stored.status, 404);
});

test('an altered grade or level is rejected (422)', async () => {
  const altered = structuredClone(honest);
  altered.submission_id = randomUUID();
  altered.result.carbon_efficiency.level = 'low';
  const r = await post(url, altered);
  assert.equal(r.status, 422);
  assert.ok(r.json.errors.some((e) => e.path === '/result/carbon_efficiency/level'));
});

test('an invalid assessment is rejected with the CLI error shape (422)', async () => {
  const bad = structuredClone(honest);
  bad.submission_id = randomUUID();
  bad.assessment.energy[0].quantity = -5;
  const r = await post(url, bad);
  assert.equal(r.status, 422, r.text);
  assert.ok(Array.isArray(r.json.errors) && r.json.errors.length > 0);
  assert.ok(r.json.errors.every((e) => typeof e.path === 'string' && e.message_zh && e.message_en));
  assert.ok(r.json.errors.some((e) => e.path.startsWith('/assessment/energy/0')), r.text);
});

test('envelope fields are checked strictly (422)', async () => {
  const cases = [
    [{ submission_id: 'not-a-uuid' }, '/submission_id'],
    [{ submission_id: randomUUID().toUpperCase() }, '/submission_id'],
    [{ submission_id: '3f2b6a1e-1111-1111-8111-111111111111' }, '/submission_id'],  // version 1, not 4
    [{ created_at: '2025-03-01 08:00' }, '/created_at'],
    [{ created_at: 20250301 }, '/created_at'],
    [{ version: 2 }, '/version'],
    [{ schema: 'selfcheck/assessment' }, '/schema'],
    [{ data_versions: ['x'] }, '/data_versions'],
    [{ result: 'ok' }, '/result'],
    [{ assessment: null }, '/assessment'],
    [{ app_version: 'x'.repeat(65) }, '/app_version'],
  ];
  for (const [patch, p] of cases) {
    const s = { ...structuredClone(honest), submission_id: randomUUID(), ...patch };
    const r = await post(url, s);
    assert.equal(r.status, 422, `${JSON.stringify(patch).slice(0, 80)}: ${r.status} ${r.text.slice(0, 200)}`);
    assert.ok(r.json.errors.some((e) => e.path === p), `${p}: ${r.text.slice(0, 300)}`);
  }
});

test('malformed JSON is a bad request (400)', async () => {
  for (const body of ['{"schema": "selfcheck/submission", ', 'not json', '', '\u00ff\u00fe']) {
    const r = await post(url, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.equal(r.json.errors[0].code, 'not_json');
  }
});

test('a body over the size limit is refused (413)', async () => {
  const big = structuredClone(honest);
  big.submission_id = randomUUID();
  big.assessment.padding = 'x'.repeat(300 * 1024);
  const r = await post(url, big);
  assert.equal(r.status, 413);
  assert.ok(r.json.errors[0].message_en.includes('too large'));
});

test('a receipt is found by id, and an unknown id is 404', async () => {
  const r = await get(url, `/api/v1/submissions/${honest.submission_id}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.submission_id, honest.submission_id);
  assert.equal((await get(url, `/api/v1/submissions/${randomUUID()}`)).status, 404);
  assert.equal((await get(url, '/api/v1/submissions/..%2F..%2Fetc')).status, 404);
});

test('admin listing needs the bearer token, filters, and exports CSV', async () => {
  assert.equal((await get(url, '/api/v1/submissions')).status, 401);
  assert.equal((await get(url, '/api/v1/submissions', { Authorization: 'Bearer wrong' })).status, 401);
  const auth = { Authorization: `Bearer ${token}` };
  const all = await get(url, '/api/v1/submissions', auth);
  assert.equal(all.status, 200);
  assert.ok(all.json.submissions.some((s) => s.submission_id === honest.submission_id));
  const e = honest.assessment.enterprise;
  const hit = await get(url, `/api/v1/submissions?industry=${e.industry.slice(0, 3)}&city=${e.city}&year=${e.year}`, auth);
  assert.ok(hit.json.submissions.some((s) => s.submission_id === honest.submission_id));
  const miss = await get(url, `/api/v1/submissions?year=${e.year - 10}`, auth);
  assert.equal(miss.json.count, 0);
  const csv = await get(url, '/api/v1/submissions?format=csv', auth);
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  const lines = csv.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.ok(lines[0].startsWith('submission_id,received_at'));
  assert.ok(lines.some((l) => l.startsWith(honest.submission_id) && l.includes(e.name)));
});

test('the admin token never appears in the log', async () => {
  await get(url, '/api/v1/submissions', { Authorization: `Bearer ${token}` });
  assert.ok(portal.stderr().includes('GET /api/v1/submissions 200'), 'requests are logged');
  assert.ok(!portal.stderr().includes(token));
  assert.ok(!portal.stderr().includes(honest.submission_id), 'ids are not logged');
  assert.ok(!portal.stderr().includes(honest.assessment.enterprise.name), 'bodies are not logged');
});

test('CORS answers only the configured origin', async () => {
  const pre = await fetch(url + '/api/v1/submissions', {
    method: 'OPTIONS',
    headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), origin);
  assert.match(pre.headers.get('access-control-allow-methods'), /POST/);
  const other = await fetch(url + '/api/v1/submissions', {
    method: 'OPTIONS',
    headers: { Origin: 'http://evil.example.test', 'Access-Control-Request-Method': 'POST' },
  });
  assert.equal(other.status, 403);
  assert.equal(other.headers.get('access-control-allow-origin'), null);
  const r = await get(url, `/api/v1/submissions/${honest.submission_id}`, { Origin: origin });
  assert.equal(r.headers.get('access-control-allow-origin'), origin);
  const r2 = await get(url, `/api/v1/submissions/${honest.submission_id}`, { Origin: 'http://evil.example.test' });
  assert.equal(r2.headers.get('access-control-allow-origin'), null);
});

test('a client that floods the receiver gets 429 with Retry-After', async () => {
  const t = tempDir();
  const p = await startPortal(freshDb(t, 'rl'), ['--rate', '0.01', '--burst', '3']);
  try {
    const statuses = [];
    let retryAfter = null;
    for (let i = 0; i < 8; i++) {
      const r = await post(p.url, { ...honest, submission_id: randomUUID() });
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    assert.deepEqual(statuses.slice(0, 3), [201, 201, 201]);
    assert.deepEqual(statuses.slice(3), [429, 429, 429, 429, 429], statuses.join());
    assert.match(retryAfter, /^\d+$/);
  } finally {
    await p.stop();
    t.cleanup();
  }
});
