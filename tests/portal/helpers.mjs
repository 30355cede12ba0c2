// Shared helpers for the receiver's integration tests: start selfcheck-portal on a free loopback
// port, build honest submissions with its make-submission mode (the core's build_submission), and
// run bounded concurrent uploads. Everything here stops by itself.
import { spawn, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clusterFromEnv } from './pgcluster.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const portalBin = process.env.SELFCHECK_PORTAL || path.join(root, 'build/native-release/selfcheck-portal');
export const samplesDir = path.join(root, 'assets/data/samples');

export function tempDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'selfcheck-portal-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

// The store under test: "sqlite" (default) or "postgresql" (run through with-postgres.mjs).
export const store = process.env.SELFCHECK_PORTAL_STORE || 'sqlite';
let cluster = null;

// A new, empty database for one receiver (or several sharing it) as its --db argument: a SQLite
// file in the test's temp dir, or a new database in the PostgreSQL cluster of with-postgres.mjs.
export function freshDb(tmp, name) {
  if (store === 'sqlite') return path.join(tmp.dir, name + '.sqlite');
  if (store !== 'postgresql') throw new Error(`SELFCHECK_PORTAL_STORE=${store}: sqlite or postgresql`);
  cluster ??= clusterFromEnv();
  if (!cluster) throw new Error('SELFCHECK_PORTAL_STORE=postgresql needs a cluster: run through tests/portal/with-postgres.mjs');
  return cluster.createDb();
}

// Starts the receiver with --port 0 and waits for its "listening on http://host:port" line.
export async function startPortal(db, extra = [], { quiet = true } = {}) {
  const args = ['--port', '0', '--db', db, ...(quiet ? ['--quiet'] : []), ...extra];
  const proc = spawn(portalBin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; if (stderr.length > 100000) stderr = stderr.slice(-50000); });
  let banner = '';
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('receiver did not start: ' + stderr)), 15000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); banner = out.split('\n')[0]; resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`receiver exited ${code}: ${stderr}`)); });
  });
  proc.stdout.resume();
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return {
    url,
    banner,  // the first stdout line: "selfcheck-portal listening on URL store=KIND db=… admin=… cors=…"
    proc,
    stderr: () => stderr,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const t = setTimeout(() => proc.kill('SIGKILL'), 5000);
      const r = await exited;
      clearTimeout(t);
      return r;
    },
    async kill() {
      proc.kill('SIGKILL');
      return exited;
    },
  };
}

export function readSample(name = '01_dyeing_shaoxing.json') {
  return JSON.parse(readFileSync(path.join(samplesDir, name), 'utf8'));
}

// An honest submission for an assessment document (object), built by the C++ core.
export function makeSubmission(doc, { id = randomUUID(), createdAt = '2025-03-01T08:00:00Z' } = {}) {
  const out = execFileSync(portalBin, ['make-submission', '-', '--id', id, '--created-at', createdAt], {
    input: JSON.stringify(doc),
    encoding: 'utf8',
  });
  return JSON.parse(out);
}

// A kept-alive connection the receiver closed after its idle timeout, while this process was busy
// (blocked in execFileSync, or starved on a loaded machine) and so missed its own shorter timer,
// fails with "other side closed" before the request reached the receiver. Like the app, retry such
// a request once (an upload is idempotent by its submission id). A refused connection (receiver
// gone) is not retried.
async function fetchRetry(url, init) {
  try {
    return await fetch(url, init);
  } catch (e) {
    const code = e.cause?.code;
    if (code !== 'UND_ERR_SOCKET' && code !== 'ECONNRESET') throw e;
    return fetch(url, init);
  }
}

export async function post(url, body, headers = {}) {
  const res = await fetchRetry(url + '/api/v1/submissions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* CSV or empty */ }
  return { status: res.status, headers: res.headers, text, json };
}

export async function get(url, p, headers = {}) {
  const res = await fetchRetry(url + p, { headers });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* CSV or empty */ }
  return { status: res.status, headers: res.headers, text, json };
}

// Sends bodies with `concurrency` workers; records status and latency of every request. A request
// that fails at the network level (receiver killed) is recorded with status 0. `url` may be a list
// of receivers: worker k then sends to url[k % n] (a round-robin proxy).
export async function uploadAll(url, bodies, concurrency, { stopAfterFailures = Infinity, onResult = () => {} } = {}) {
  const urls = Array.isArray(url) ? url : [url];
  const results = new Array(bodies.length);
  let next = 0, failures = 0;
  async function worker(k) {
    while (next < bodies.length && failures < stopAfterFailures) {
      const i = next++;
      const t0 = performance.now();
      try {
        const r = await post(urls[k % urls.length], bodies[i]);
        results[i] = { status: r.status, ms: performance.now() - t0, receipt: r.json };
      } catch (e) {
        failures++;
        results[i] = { status: 0, ms: performance.now() - t0, error: String(e.cause?.code || e) };
      }
      onResult(results[i], i);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, (_, k) => worker(k)));
  return results;
}

export function percentile(values, p) {
  const v = [...values].sort((a, b) => a - b);
  if (v.length === 0) return NaN;
  return v[Math.min(v.length - 1, Math.ceil((p / 100) * v.length) - 1)];
}
