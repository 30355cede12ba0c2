// GET /api/v1/benchmarks: Σ tCO2 / Σ value added per industry division and year, published only
// where at least five distinct enterprises (by credit code, else by name) contribute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startPortal, tempDir, readSample, makeSubmission, post, get, freshDb } from './helpers.mjs';

function enterpriseDoc(name, valueAdded, { creditCode = null, year = 2024 } = {}) {
  const doc = readSample('01_dyeing_shaoxing.json');  // industry C175 -> division C17
  doc.enterprise.name = name;
  doc.enterprise.value_added_10k_yuan = valueAdded;
  doc.enterprise.year = year;
  if (creditCode) doc.enterprise.credit_code = creditCode;
  else delete doc.enterprise.credit_code;
  return doc;
}

test('industry averages appear only with five distinct enterprises, latest figures per enterprise', async () => {
  const t = tempDir();
  const p = await startPortal(freshDb(t, 'bench'), ['--rate', '0', '--name', 'Test park receiver']);
  try {
    const code = readSample('01_dyeing_shaoxing.json').enterprise.credit_code;
    const accepted = [];
    const send = async (doc) => {
      const s = makeSubmission(doc);
      const r = await post(p.url, s);
      assert.equal(r.status, 201, r.text);
      accepted.push(s);
      return s;
    };
    await send(enterpriseDoc('甲', 1000, { creditCode: code }));
    await send(enterpriseDoc('甲（更名）', 1200, { creditCode: code }));  // same credit code: same enterprise
    await send(enterpriseDoc('乙', 2000));
    await send(enterpriseDoc('乙', 2500));                                // same name, no code: same enterprise
    await send(enterpriseDoc('丙', 3000));
    await send(enterpriseDoc('丁', 4000));
    await send(enterpriseDoc('戊', 5000, { year: 2023 }));                // other year: other group

    let b = await get(p.url, '/api/v1/benchmarks');
    assert.equal(b.status, 200);
    assert.equal(b.json.min_enterprises, 5);
    assert.deepEqual(b.json.records, [], 'four enterprises in C17/2024: withheld');

    await send(enterpriseDoc('戊', 5000));
    b = await get(p.url, '/api/v1/benchmarks');
    assert.equal(b.json.records.length, 1);
    const rec = b.json.records[0];
    assert.equal(rec.id, 'C17/2024');
    assert.equal(rec.industry, 'C17');
    assert.equal(rec.year, 2024);
    assert.equal(rec.enterprises, 5);
    assert.equal(rec.unit, 'tCO2/10k_yuan');
    assert.match(rec.source, /Test park receiver/);
    assert.equal(b.json.source, 'Test park receiver');
    // Latest per enterprise: 甲（更名） 1200, 乙 2500, 丙 3000, 丁 4000, 戊 5000 (2024).
    const latest = accepted.filter((s, i) => ![0, 2, 6].includes(i));
    const co2 = latest.reduce((a, s) => a + s.result.emissions.total_tco2, 0);
    const va = latest.reduce((a, s) => a + s.assessment.enterprise.value_added_10k_yuan, 0);
    assert.ok(Math.abs(rec.value - co2 / va) <= 1e-9 * (co2 / va), `${rec.value} vs ${co2 / va}`);
    assert.equal(rec.value_added_10k_yuan, va);

    assert.equal((await get(p.url, '/api/v1/benchmarks?industry=C175&year=2024')).json.records.length, 1);
    assert.equal((await get(p.url, '/api/v1/benchmarks?year=2023')).json.records.length, 0);
    assert.equal((await get(p.url, '/api/v1/benchmarks?industry=C26')).json.records.length, 0);
  } finally {
    await p.stop();
    t.cleanup();
  }
});
