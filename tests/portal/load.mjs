// Throughput and latency of the receiver on each store: for every configuration, a fresh database,
// R receivers on it, N honest submissions from C concurrent clients spread round-robin over the
// receivers (as a proxy would); prints one JSON line per configuration: submissions/second
// sustained and latency percentiles. Not part of ctest (timing depends on the machine).
//   node tests/portal/load.mjs [N=2000] [C=16] [--store sqlite|postgresql|both] [--receivers 1,2]
// PostgreSQL: a throwaway cluster (pgcluster.mjs; fsync on, like SQLite's synchronous=FULL), or the
// one of with-postgres.mjs when run through it. SELFCHECK_PORTAL selects the binary (default
// build/native-release/selfcheck-portal).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { startPortal, tempDir, readSample, makeSubmission, uploadAll, percentile } from './helpers.mjs';
import { startCluster, clusterFromEnv } from './pgcluster.mjs';

const pos = [], opt = { store: 'both', receivers: '1,2' };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--store' || a === '--receivers') opt[a.slice(2)] = process.argv[++i];
  else pos.push(a);
}
const n = Number(pos[0] || 2000), c = Number(pos[1] || 16);
const stores = opt.store === 'both' ? ['sqlite', 'postgresql'] : [opt.store];
const receiverCounts = opt.receivers.split(',').map(Number);

const samples = ['01_dyeing_shaoxing.json', '03_paper_fuyang.json', '07_machinery_ningbo.json'];
const bases = samples.map((s) => makeSubmission(readSample(s)));
const fresh = (k) => Array.from({ length: k }, (_, i) => JSON.stringify({ ...bases[i % bases.length], submission_id: randomUUID() }));

let pg = null, ownCluster = null;
const t = tempDir();
let failed = false;
try {
  for (const store of stores) {
    for (const r of receiverCounts) {
      let db;
      if (store === 'sqlite') db = path.join(t.dir, `load-${r}.sqlite`);
      else {
        pg ??= clusterFromEnv() ?? (ownCluster = await startCluster());
        db = pg.createDb();
      }
      const ps = await Promise.all(Array.from({ length: r }, () => startPortal(db, ['--rate', '0'])));
      const urls = ps.map((p) => p.url);
      try {
        await uploadAll(urls, fresh(Math.min(50, n)), c);  // warm-up (connections, page cache)
        const bodies = fresh(n);
        const avgBytes = Math.round(bodies.reduce((s, b) => s + b.length, 0) / n);
        const t0 = performance.now();
        const results = await uploadAll(urls, bodies, c);
        const secs = (performance.now() - t0) / 1000;
        const ok = results.filter((x) => x.status === 201);
        const ms = results.map((x) => x.ms);
        console.log(JSON.stringify({
          store, receivers: r, submissions: n, concurrency: c, body_bytes_avg: avgBytes, accepted: ok.length,
          seconds: +secs.toFixed(2), per_second: +(ok.length / secs).toFixed(1),
          latency_ms: { p50: +percentile(ms, 50).toFixed(1), p90: +percentile(ms, 90).toFixed(1),
            p99: +percentile(ms, 99).toFixed(1), max: +Math.max(...ms).toFixed(1) },
        }));
        if (ok.length !== n) failed = true;
      } finally {
        await Promise.all(ps.map((p) => p.stop()));
      }
    }
  }
} finally {
  ownCluster?.stop();
  t.cleanup();
}
if (failed) process.exitCode = 1;
