// The printable report in a real browser: `selfcheck report` for a sample factory, opened in
// headless Chromium (Debian's /usr/bin/chromium via playwright-core), printed to an A4 PDF, then
// checked with pdftotext (poppler-utils): page count, Chinese headings, key numbers, and that the
// page made no request other than its own file. PDFs are kept under build/e2e/ for a look.
//   node --test tests/e2e/report_pdf.test.mjs        (CLI: $SELFCHECK_CLI or build/native-release/selfcheck)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.SELFCHECK_CLI || join(root, 'build', 'native-release', 'selfcheck');
const outDir = join(root, 'build', 'e2e');
const sample = join(root, 'assets', 'data', 'samples', '01_dyeing_shaoxing.json');

// Same format as the report: thousands separators, fixed decimals.
const fmt = (v, d) => v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

async function printToPdf(htmlPath, pdfPath) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const requests = [];
    page.on('request', (r) => requests.push(r.url()));
    const url = pathToFileURL(htmlPath).href;
    await page.goto(url, { waitUntil: 'load' });
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    return requests.filter((u) => u !== url);
  } finally {
    await browser.close();
  }
}

const pdfPages = (pdf) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
const pdfText = (pdf) => execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });

test('the Chinese report prints to a multi-page A4 PDF with its headings and numbers', async () => {
  assert.ok(existsSync(cli), `CLI not built: ${cli} (run scripts/build or set SELFCHECK_CLI)`);
  mkdirSync(outDir, { recursive: true });
  const html = join(outDir, 'report_01_dyeing_shaoxing.zh.html');
  const pdf = join(outDir, 'report_01_dyeing_shaoxing.zh.pdf');
  execFileSync(cli, ['report', sample, '-o', html, '--date', '2026-01-01']);
  const result = JSON.parse(execFileSync(cli, ['assess', sample], { encoding: 'utf8' }));

  const extra = await printToPdf(html, pdf);
  assert.deepEqual(extra, [], 'the report requested nothing but itself');

  const pages = pdfPages(pdf);
  assert.ok(pages >= 2, `expected at least 2 pages, got ${pages}`);
  const text = pdfText(pdf);
  for (const heading of ['企业节能降碳自诊断报告', '摘要', '能源消费与综合能耗', '二氧化碳排放', '方法与因子来源',
                         '强度指标与碳效等级', '诊断发现', '节能降碳技改措施', '绿色工厂自评价', '声明']) {
    assert.ok(text.includes(heading), `missing heading ${heading}`);
  }
  const doc = JSON.parse(readFileSync(sample, 'utf8'));
  assert.ok(text.includes(doc.enterprise.name), 'enterprise name on the cover');
  // viz::format by unit: tce and tCO2 with 2 decimals below 1,000 and 1 decimal from 1,000 up.
  const byUnit = v => fmt(v, Math.abs(v) >= 1000 ? 1 : 2);
  assert.ok(text.includes(byUnit(result.energy.total_tce)), `total tce ${byUnit(result.energy.total_tce)}`);
  assert.ok(text.includes(byUnit(result.emissions.total_tco2)), `total tCO2 ${byUnit(result.emissions.total_tco2)}`);
  assert.ok(text.includes('吨标准煤'));
  assert.ok(text.includes('自评估'), 'self-assessment disclaimer');
  console.log(`report PDF: ${pages} pages, ${pdf}`);
});

test('the English report prints too', async () => {
  assert.ok(existsSync(cli), `CLI not built: ${cli}`);
  mkdirSync(outDir, { recursive: true });
  const html = join(outDir, 'report_01_dyeing_shaoxing.en.html');
  const pdf = join(outDir, 'report_01_dyeing_shaoxing.en.pdf');
  execFileSync(cli, ['report', sample, '-o', html, '--lang', 'en', '--date', '2026-01-01']);
  assert.deepEqual(await printToPdf(html, pdf), []);
  assert.ok(pdfPages(pdf) >= 2);
  const text = pdfText(pdf);
  for (const heading of ['Energy and carbon self-check report', 'Summary', 'CO₂ emissions', 'Disclaimer'])
    assert.ok(text.includes(heading), `missing heading ${heading}`);
});
