// Runs a command against a throwaway PostgreSQL cluster (pgcluster.mjs) and tears it down after,
// whatever the outcome. The receiver's test suite runs once per store, unchanged:
//   node tests/portal/with-postgres.mjs node --test tests/portal/     (ctest: portal_integration_postgresql)
// The child sees SELFCHECK_PORTAL_STORE=postgresql and SELFCHECK_PORTAL_PG (the cluster's socket
// directory and port); helpers.mjs freshDb() then creates one database per receiver under test.
import { spawn } from 'node:child_process';
import { startCluster } from './pgcluster.mjs';

const [cmd, ...args] = process.argv.slice(2);
if (!cmd) {
  console.error('usage: node tests/portal/with-postgres.mjs COMMAND [ARGS...]');
  process.exit(64);
}
const pg = await startCluster();
console.error(`with-postgres: cluster up in ${(pg.startMs / 1000).toFixed(1)} s (socket ${pg.dir}, port ${pg.port})`);
const child = spawn(cmd, args, {
  stdio: 'inherit',
  env: { ...process.env, SELFCHECK_PORTAL_STORE: 'postgresql', SELFCHECK_PORTAL_PG: pg.env() },
});
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
const code = await new Promise((resolve) => child.on('exit', (c, s) => resolve(c ?? (s ? 1 : 0))));
pg.stop();
process.exit(code);
