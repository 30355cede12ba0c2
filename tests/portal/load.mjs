// Throughput and latency of the receiver: starts it on a fresh database on a free loopback port,
// sends N honest submissions from C concurrent clients, prints submissions/second sustained and
// latency percentiles. Not part of ctest (timing depends on the machine).
//   node tests/portal/load.mjs [N=2000] [C=16]
// SELFCHECK_PORTAL selects the binary (default build/native-release/selfcheck-portal).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startPortal, tempDir, readSample, makeSubmission, uploadAll, percentile } from './helpers.mjs';

const n = Number(process.argv[2] || 2000), c = Number(process.argv[3] || 16);
const samples = ['01_dyeing_shaoxing.json', '03_paper_fuyang.json', '07_machinery_ningbo.json'];
const bases = samples.map((s) => makeSubmission(readSample(s)));
const bodies = Array.from({ length: n }, (_, i) => JSON.stringify({ ...bases[i % bases.length], submission_id: randomUUID() }));
const avgBytes = Math.round(bodies.reduce((a, b) => a + b.length, 0) / n);

const t = tempDir();
const p = await startPortal(path.join(t.dir, 'load.sqlite'), ['--rate', '0']);
try {
  await uploadAll(p.url, bodies.slice(0, Math.min(50, n)).map((b) => b.replace(/"submission_id":"[^"]+"/, `"submission_id":"${randomUUID()}"`)), c);  // warm-up
  const t0 = performance.now();
  const results = await uploadAll(p.url, bodies, c);
  const secs = (performance.now() - t0) / 1000;
  const ok = results.filter((r) => r.status === 201);
  const ms = results.map((r) => r.ms);
  console.log(JSON.stringify({
    submissions: n, concurrency: c, body_bytes_avg: avgBytes, accepted: ok.length,
    seconds: +secs.toFixed(2), per_second: +(ok.length / secs).toFixed(1),
    latency_ms: { p50: +percentile(ms, 50).toFixed(1), p90: +percentile(ms, 90).toFixed(1),
      p99: +percentile(ms, 99).toFixed(1), max: +Math.max(...ms).toFixed(1) },
  }));
  if (ok.length !== n) process.exitCode = 1;
} finally {
  await p.stop();
  t.cleanup();
}
