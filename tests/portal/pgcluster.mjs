// A throwaway PostgreSQL cluster for the receiver's tests and load script: initdb into a fresh
// temporary directory, the server listening on a unix socket in that directory only (no TCP), on a
// random port number, trust authentication for the superuser "selfcheck". Run as root, the server
// runs as the unprivileged user `nobody` (PostgreSQL refuses root), owning the directory.
// Debian's server binaries: /usr/lib/postgresql/<newest>/bin, or SELFCHECK_PG_BIN.
//   const pg = await startCluster(); const url = pg.createDb('t1'); … ; pg.stop();
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function pgBinDir() {
  if (process.env.SELFCHECK_PG_BIN) return process.env.SELFCHECK_PG_BIN;
  const base = '/usr/lib/postgresql';
  const versions = existsSync(base) ? readdirSync(base).filter((v) => existsSync(path.join(base, v, 'bin/initdb'))) : [];
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) {
    throw new Error('PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: install the Debian package ' +
      '"postgresql" (scripts/bootstrap does) or set SELFCHECK_PG_BIN');
  }
  return path.join(base, versions[0], 'bin');
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function unprivileged() {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return {};
  const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('nobody:'));
  if (!line) throw new Error('running as root and there is no user "nobody" to run PostgreSQL as');
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function run(bin, args, opts) {
  const r = spawnSync(bin, args, { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C', LANG: 'C' }, ...opts });
  if (r.status !== 0) throw new Error(`${path.basename(bin)} ${args.join(' ')} failed (${r.status}): ${r.stderr || r.error}`);
  return r.stdout;
}

export async function startCluster({ fsync = true } = {}) {
  const bin = pgBinDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'selfcheck-pg-'));
  const who = unprivileged();
  if (who.uid !== undefined) chownSync(dir, who.uid, who.gid);
  const data = path.join(dir, 'data');
  const port = await freePort();
  const opts = `-c listen_addresses='' -k ${dir} -p ${port} -c max_connections=200 -c fsync=${fsync ? 'on' : 'off'}`;
  const t0 = performance.now();
  try {
    // --no-sync: initdb's own fsync of a throwaway directory; the server itself keeps fsync on.
    run(path.join(bin, 'initdb'), ['-D', data, '-U', 'selfcheck', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      { ...who, cwd: dir });
    run(path.join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'],
      { ...who, cwd: dir });
  } catch (e) {
    let log = '';
    try { log = readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-2000); } catch { /* none */ }
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${e.message}\n${log}`);
  }
  const startMs = performance.now() - t0;
  let stopped = false;
  const ctl = (...args) => run(path.join(bin, 'pg_ctl'), ['-D', data, ...args], { ...who, cwd: dir });
  return {
    ...handle(dir, port, bin),
    startMs,
    // Stops the server (fast: open connections are terminated) and starts it again with the same options.
    pause() { ctl('-m', 'fast', '-w', 'stop'); },
    resume() { ctl('-o', opts, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', 'start'); },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        spawnSync(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop'],
          { ...who, cwd: dir, encoding: 'utf8' });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

// Connection URIs and databases of a running cluster (its socket directory and port).
function handle(dir, port, bin) {
  const psql = (args) => execFileSync(path.join(bin, 'psql'),
    ['-h', dir, '-p', String(port), '-U', 'selfcheck', '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...args],
    { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  const url = (db) => `postgresql://selfcheck@/${db}?host=${dir}&port=${port}`;
  return {
    dir, port, bin, url,
    // A new empty database; returns its connection URI.
    createDb(name = 't_' + randomBytes(6).toString('hex')) {
      psql(['-d', 'postgres', '-c', `CREATE DATABASE "${name}"`]);
      return url(name);
    },
    sql(db, text) { return psql(['-d', db, '-A', '-t', '-c', text]).trim(); },
    // What a child process needs to find this cluster (clusterFromEnv).
    env() { return JSON.stringify({ dir, port, bin }); },
  };
}

// The cluster a runner (with-postgres.mjs) started for this process, from the environment.
export function clusterFromEnv() {
  const e = process.env.SELFCHECK_PORTAL_PG;
  if (!e) return null;
  const { dir, port, bin } = JSON.parse(e);
  return handle(dir, port, bin);
}
