// Browser smoke test: the app starts in Debian's Chromium, draws Chinese, idles without frames,
// and window.selfcheck.load/result round-trip through the core exactly like the CLI.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT, serveSite, launch, openApp, clickId, waitIdle } from './lib.mjs';

const CLI = path.join(ROOT, 'build/native-release/selfcheck');
const SAMPLES = path.join(ROOT, 'assets/data/samples');
const SHOT = path.join(ROOT, 'build/e2e-smoke.png');

function sampleDoc() {
  const files = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter(f => f.endsWith('.json')).sort() : [];
  if (files.length) return readFileSync(path.join(SAMPLES, files[0]), 'utf8');
  return JSON.stringify({ schema: 'selfcheck/assessment', version: 1,
    enterprise: { name: '测试企业', year: 2024 },
    energy: [{ carrier: 'electricity', quantity: 1000000, unit: 'kWh' }] });
}

function cli(args, input) {
  try {
    return { code: 0, out: execFileSync(CLI, args, { input, encoding: 'utf8' }) };
  } catch (e) {
    return { code: e.status, out: e.stdout };
  }
}

let site, browser, page, errors;
before(async () => {
  site = await serveSite();
  browser = await launch();
  ({ page, errors } = await openApp(browser, site.url));
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test('first frame is drawn and the title is Chinese', async () => {
  assert.ok(await page.evaluate(() => window.selfcheck.frames()) >= 1);
  assert.equal(await page.title(), '企业节能降碳自诊断');
  assert.ok((await page.evaluate(() => window.selfcheck.items()))['app.title'], 'title widget tracked');
});

test('no frames are rendered while idle', async () => {
  const n = await waitIdle(page);
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.selfcheck.frames()), n, 'frame count moved while idle');
  await page.mouse.move(200, 200);
  await page.mouse.move(220, 230);
  await page.waitForFunction(k => window.selfcheck.frames() > k, n, { timeout: 5000 });
});

test('load/result round-trip matches the CLI', async () => {
  const doc = sampleDoc();
  const lo = await page.evaluate(t => window.selfcheck.load(t), doc);
  assert.equal(lo.ok, true, JSON.stringify(lo.errors));
  assert.deepEqual(lo.errors, []);
  const result = await page.evaluate(() => window.selfcheck.result());
  const parsed = JSON.parse(result);
  assert.equal(typeof parsed.energy.total_tce, 'number');
  const c = cli(['assess', '-'], doc);
  assert.equal(c.code, 0, 'CLI accepts the same document');
  assert.equal(result, c.out.trimEnd(), 'result() is byte-identical to `selfcheck assess`');

  const bad = await page.evaluate(() => window.selfcheck.load('{"schema": "selfcheck/assessment", "version": 1, "energy": 5}'));
  assert.equal(bad.ok, false);
  assert.ok(bad.errors.length > 0 && bad.errors.every(e => 'path' in e && e.message_zh && e.message_en));
  assert.equal(await page.evaluate(() => window.selfcheck.result()), result, 'a failed load keeps the document');
});

test('Chinese text typed through the IME bridge reaches the document', async () => {
  await clickId(page, 'enterprise.name');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
  await page.keyboard.press('End');
  await page.keyboard.insertText('浙江');
  await page.waitForFunction(() => JSON.parse(window.selfcheck.document()).enterprise.name.endsWith('浙江'),
                             null, { timeout: 5000 });
  await page.keyboard.press('Enter');
  await waitIdle(page);
  mkdirSync(path.dirname(SHOT), { recursive: true });
  await page.screenshot({ path: SHOT });
  assert.deepEqual(errors, []);
});
