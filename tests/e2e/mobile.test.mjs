// Phone, tablet and laptop (issue 14): at 390×844 and 820×1180 with touch and 2× pixels, and at
// 1366×768 with a mouse: open a sample, reach every screen through the menu by tapping, type a
// Chinese name and a number through the IME bridge, scroll a long screen by dragging (no edit
// happens), and on every screen in both languages check window.selfcheck.texts(): no two text
// rectangles overlap, none crosses the viewport edge or is cut by its region, and no text looks
// like an internal identifier (snake_case or a dotted key). Screenshots: build/e2e/mobile/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, serveSite, launch } from './lib.mjs';

const SHOTS = path.join(ROOT, 'build/e2e/mobile');
const SAMPLE = readFileSync(path.join(ROOT, 'assets/data/samples/01_dyeing_shaoxing.json'), 'utf8');
const SCREENS = ['start', 'profile', 'energy', 'products', 'equipment', 'management', 'green_factory', 'results', 'measures', 'report', 'settings'];
const SIZES = [
  { name: 'phone', width: 390, height: 844, touch: true },
  { name: 'tablet', width: 820, height: 1180, touch: true },
  { name: 'laptop', width: 1366, height: 768, touch: false },
];
const SNAKE = /\b[a-z0-9]*[a-z][a-z0-9]*_[a-z0-9_]+\b/;        // required_pressure_mpa, 10k_m3, 10k_m
const DOTTED = /\b[a-z][a-z0-9_]+\.[a-z][a-z0-9_]+(\.[a-z0-9_]+)*\b/;  // nav.profile, results.total_tce

let site, browser;
const problems = {};  // size/lang/screen -> [problem]
before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  site = await serveSite();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function open(size, extra = {}) {
  const ctx = await browser.newContext({
    viewport: { width: size.width, height: size.height },
    deviceScaleFactor: size.touch ? 2 : 1, hasTouch: size.touch, isMobile: size.touch, ...extra,
  });
  const page = await ctx.newPage();
  const errors = [];
  page.on('pageerror', e => errors.push(String(e)));
  await page.goto(site.url);
  await page.waitForFunction(() => window.selfcheck && window.selfcheck.ready, null, { timeout: 60000 });
  await page.evaluate(() => window.selfcheck.ready);
  const cdp = size.touch ? await ctx.newCDPSession(page) : null;
  return { ctx, page, cdp, errors };
}

const frames = page => page.evaluate(() => window.selfcheck.frames());
// The app renders on demand: after an input it draws frames for 250 ms, then its loop stops
// (window.selfcheck.idle()). Wait for state, never for time: `act` runs an input, waits for the
// frame it causes, then for the loop to stop (the gesture layer keeps it going while it scrolls).
const idle = page => page.waitForFunction(() => window.selfcheck.idle(), null, { timeout: 30000 });
async function act(page, input, { settle = true } = {}) {
  const f0 = await frames(page);
  await input();
  await page.waitForFunction(f => window.selfcheck.frames() > f, f0, { timeout: 10000 });
  if (settle) await idle(page);
}
const items = page => page.evaluate(() => window.selfcheck.items());
const texts = page => page.evaluate(() => window.selfcheck.texts());

async function touch(cdp, type, pts) {
  await cdp.send('Input.dispatchTouchEvent', { type, touchPoints: pts.map(([x, y]) => ({ x, y, id: 1 })) });
}
// A tap: touchstart and touchend on the canvas in one task, as a quick finger delivers them. (Sent
// through CDP one after the other, a frame can run between them on a loaded machine, and a finger
// held that long is a long press.) Drags below go through CDP's real input pipeline.
async function tapAt(page, x, y) {
  await page.evaluate(([x, y]) => {
    const c = document.getElementById('canvas');
    const p = new Touch({ identifier: 1, target: c, clientX: x, clientY: y, pageX: x, pageY: y, screenX: x, screenY: y });
    const fire = (type, down) => c.dispatchEvent(new TouchEvent(type, {
      touches: down ? [p] : [], targetTouches: down ? [p] : [], changedTouches: [p], bubbles: true, cancelable: true,
    }));
    fire('touchstart', true);
    fire('touchend', false);
  }, [x, y]);
}
// Tap (touch) or click (mouse) the centre of a tracked widget.
async function press(t, id) {
  await t.page.waitForFunction(i => window.selfcheck.items()[i], id, { timeout: 10000 });
  const r = (await items(t.page))[id];
  const x = (r[0] + r[2]) / 2, y = (r[1] + r[3]) / 2;
  const before = t.cdp ? await t.page.evaluate(() => window.selfcheck.touch()) : null;
  await act(t.page, async () => {
    if (t.cdp) await tapAt(t.page, x, y);
    else await t.page.mouse.click(x, y);
  });
  if (t.cdp) {
    const st = await t.page.evaluate(() => window.selfcheck.touch());
    assert.equal(st.taps, before.taps + 1, `the tap on ${id} was seen as a tap: ${JSON.stringify(before)} -> ${JSON.stringify(st)}`);
  }
  return r;
}
// Drag the screen up (as a thumb does) until the widget `id` shows whole above the bottom edge.
async function dragInto(t, size, id) {
  const x = size.width / 2, ys = size.height * 0.7, ye = size.height * 0.4;
  for (let n = 0; n < 12; ++n) {
    const r = (await items(t.page))[id];
    if (r && r[3] <= size.height - 8) return;
    await touch(t.cdp, 'touchStart', [[x, ys]]);
    for (let k = 1; k <= 4; ++k) await act(t.page, () => touch(t.cdp, 'touchMove', [[x, ys + (ye - ys) * k / 4]]), { settle: false });
    await act(t.page, () => touch(t.cdp, 'touchEnd', []));
  }
  assert.fail(`${size.name}: ${id} did not come into view by dragging`);
}
async function go(t, size, screen) {
  const id = `nav.${screen}`;
  if (!(await items(t.page))[id]) {
    assert.ok((await items(t.page))['nav.menu'], `${size.name}: a menu button (nav.menu)`);
    await press(t, 'nav.menu');
    await t.page.waitForFunction(i => window.selfcheck.items()[i], id, { timeout: 5000 });
  }
  const r = await press(t, id);
  if (size.touch) assert.ok(r[3] - r[1] >= 39.5, `${size.name}: ${id} is ${r[3] - r[1]} px tall (tap target >= 40)`);
  // the tap switched the screen (the drawer closed and the screen shows)
  await t.page.waitForFunction(i => window.selfcheck.items()[i], `screen.${screen}`, { timeout: 5000 }).catch(async () => {
    await t.page.screenshot({ path: path.join(SHOTS, `FAILED_${size.name}_${screen}.png`) });
    throw new Error(`${size.name}: tapping ${id} did not show the screen (items: ${Object.keys(await items(t.page)).join(' ')})`);
  });
}

function checkTexts(list, size, where) {
  const out = [];
  const W = size.width, H = size.height;
  for (const t of list) {
    const [x0, y0, x1, y1] = t.rect;
    if (x0 < -0.5 || y0 < -0.5 || x1 > W + 0.5 || y1 > H + 0.5) out.push(`crosses the viewport: "${t.text}" [${t.rect}]`);
    if (t.cut) out.push(`cut by its region: "${t.text}" [${t.rect}] in ${t.window}`);
    if (SNAKE.test(t.text) || DOTTED.test(t.text)) out.push(`identifier-like text: "${t.text}"`);
  }
  for (let i = 0; i < list.length; ++i)
    for (let j = i + 1; j < list.length; ++j) {
      const a = list[i].rect, b = list[j].rect;
      const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]), h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
      if (w > 1 && h > 1) out.push(`overlap: "${list[i].text}" [${a}] and "${list[j].text}" [${b}]`);
    }
  if (out.length) problems[where] = out;
  return out;
}

for (const size of SIZES) {
  test(`${size.name} ${size.width}×${size.height}: every screen, both languages, texts fit`, async () => {
    const t = await open(size);
    const lo = await t.page.evaluate(s => window.selfcheck.load(s), SAMPLE);
    assert.equal(lo.ok, true, JSON.stringify(lo.errors));
    await idle(t.page);
    const failures = [];
    for (const lang of ['zh', 'en']) {
      await go(t, size, 'settings');
      await press(t, `settings.lang_${lang}`);
      for (const [n, screen] of SCREENS.entries()) {
        await go(t, size, screen);
        const where = `${size.name}/${lang}/${screen}`;
        await t.page.screenshot({ path: path.join(SHOTS, `${size.name}_${lang}_${String(n).padStart(2, '0')}_${screen}.png`) });
        const list = await texts(t.page);
        assert.ok(list.length > 5, `${where}: texts() reports the screen's text (${list.length})`);
        const p = checkTexts(list, size, where);
        if (p.length) failures.push(`${where}: ${p.length} problems, first: ${p.slice(0, 4).join(' | ')}`);
        if (screen === 'start') {
          // the saved self-check's energy figure shows whole (a phone's table cut that column off)
          if (!list.some(x => x.text.includes(lang === 'zh' ? '吨标准煤' : 'tce')))
            failures.push(`${where}: the saved self-check's energy figure is not shown`);
        }
        if (screen === 'results') {
          // KPI cards side by side start at the same height
          const it = await items(t.page);
          const k = ['results.total_tce', 'results.total_equal_tce', 'results.total_tco2', 'results.electrification'].map(i => [i, it[i]]).filter(x => x[1]);
          if (k.length < 4) failures.push(`${where}: ${k.length} of 4 KPI cards tracked`);
          for (let i = 0; i < k.length; ++i)
            for (let j = i + 1; j < k.length; ++j) {
              const a = k[i][1], b = k[j][1];
              const sideBySide = Math.abs(a[0] - b[0]) > 1 && Math.min(a[3], b[3]) > Math.max(a[1], b[1]);
              if (sideBySide && Math.abs(a[1] - b[1]) > 1) failures.push(`${where}: ${k[i][0]} [${a}] and ${k[j][0]} [${b}] side by side at different heights`);
            }
        }
        if (screen === 'equipment') {
          // the process kinds' tabs (wrapped into buttons on a phone) and their tables
          for (const kind of ['process_heat', 'dyeing', 'printing', 'water', 'paper_machine']) {
            await press(t, `equipment.tab.${kind}`);
            const w = `${where}/${kind}`;
            await t.page.screenshot({ path: path.join(SHOTS, `${size.name}_${lang}_${String(n).padStart(2, '0')}_${screen}_${kind}.png`) });
            const pk = checkTexts(await texts(t.page), size, w);
            if (pk.length) failures.push(`${w}: ${pk.length} problems, first: ${pk.slice(0, 4).join(' | ')}`);
          }
          await press(t, 'equipment.tab.motor');
        }
      }
    }
    await go(t, size, 'settings');
    await press(t, 'settings.lang_zh');
    assert.deepEqual(t.errors, []);
    await t.ctx.close();
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  test(`${size.name}: Chinese name and a number through the keyboard bridge`, async () => {
    const t = await open(size);
    await t.page.evaluate(s => window.selfcheck.load(s), SAMPLE);
    await go(t, size, 'profile');
    await press(t, 'profile.name');
    await t.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
    assert.equal(await t.page.evaluate(() => document.getElementById('ime').inputMode || 'text'), 'text');
    await act(t.page, () => t.page.keyboard.press('Control+A'), { settle: false });
    await t.page.keyboard.insertText('浙江某纺织有限公司');
    await t.page.keyboard.press('Enter');
    await t.page.waitForFunction(() => JSON.parse(window.selfcheck.document()).enterprise.name === '浙江某纺织有限公司', null, { timeout: 5000 });

    await go(t, size, 'energy');
    await press(t, 'energy.0.quantity');
    await t.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
    // numeric fields ask phones for the decimal keypad
    await t.page.waitForFunction(() => document.getElementById('ime').inputMode === 'decimal', null, { timeout: 3000 });
    await act(t.page, () => t.page.keyboard.press('Control+A'), { settle: false });
    await t.page.keyboard.insertText('12000000');
    await t.page.keyboard.press('Enter');
    await t.page.waitForFunction(() => JSON.parse(window.selfcheck.document()).energy[0].quantity === 12000000, null, { timeout: 5000 });
    await t.ctx.close();
  });

  if (size.touch) {
    test(`${size.name}: dragging scrolls a long screen with inertia and edits nothing`, async () => {
      const t = await open(size);
      await t.page.evaluate(s => window.selfcheck.load(s), SAMPLE);
      await go(t, size, 'results');
      const doc0 = await t.page.evaluate(() => window.selfcheck.document());
      const before = await items(t.page);
      // a quick upward flick from the middle of the screen
      const x = size.width / 2, ys = size.height * 0.75, ye = size.height * 0.35;
      // the finger lands and starts moving at once (no frame between: a held finger is a long press)
      await act(t.page, () => Promise.all([touch(t.cdp, 'touchStart', [[x, ys]]), touch(t.cdp, 'touchMove', [[x, ys + (ye - ys) / 16]])]),
                { settle: false });
      for (let k = 1; k <= 8; ++k) {
        await act(t.page, () => touch(t.cdp, 'touchMove', [[x, ys + (ye - ys) * k / 8]]), { settle: false });
      }
      await act(t.page, () => touch(t.cdp, 'touchEnd', []));
      const after = await items(t.page);
      const st = await t.page.evaluate(() => window.selfcheck.touch());
      // how far the screen moved: a results widget shown before and after, else the region's scroll
      // position (the screen was opened at the top)
      const common = Object.keys(before).filter(k => k.startsWith('results.') && after[k]);
      const moved = common.length ? before[common[0]][1] - after[common[0]][1] : st.scroll_y;
      assert.ok(moved >= (ys - ye) * 0.9, `content followed the finger (moved ${moved} px for a ${ys - ye} px drag; ${common[0] || 'scroll_y'}; ${JSON.stringify(st)})`);
      assert.ok(st.drags >= 1, 'the gesture layer saw a drag');
      assert.equal(await t.page.evaluate(() => window.selfcheck.document()), doc0, 'scrolling edited nothing');

      // a drag that starts on a text field scrolls and does not open the field
      await go(t, size, 'energy');
      const q = (await items(t.page))['energy.0.quantity'];
      const tapsBefore = (await t.page.evaluate(() => window.selfcheck.touch())).taps;
      // a phone raises its keyboard on any focus of the bridge, however short: count them
      await t.page.evaluate(() => { window.imeFocuses = 0; document.getElementById('ime').addEventListener('focus', () => ++window.imeFocuses); });
      const fx = (q[0] + q[2]) / 2, fy = (q[1] + q[3]) / 2;
      await touch(t.cdp, 'touchStart', [[fx, fy]]);
      for (let k = 1; k <= 6; ++k) await act(t.page, () => touch(t.cdp, 'touchMove', [[fx, fy - 20 * k]]), { settle: false });
      // the finger rests before it lifts: the content has followed it, so the field is under the
      // finger again when it lifts (the case where a lift over a field must still not open it)
      const f1 = await frames(t.page);
      await t.page.waitForFunction(f => window.selfcheck.frames() >= f + 3, f1, { timeout: 10000 });
      const q1 = (await items(t.page))['energy.0.quantity'];
      assert.ok(q1 && q1[1] <= fy - 120 && fy - 120 <= q1[3], `the field followed the finger to ${fy - 120} (${JSON.stringify(q1)}; was ${JSON.stringify(q)})`);
      await act(t.page, () => touch(t.cdp, 'touchEnd', []));
      assert.notEqual(await t.page.evaluate(() => document.activeElement && document.activeElement.id), 'ime', 'no field opened');
      assert.equal(await t.page.evaluate(() => window.imeFocuses), 0, 'the keyboard bridge was never focused (a phone would have raised its keyboard)');
      assert.equal((await t.page.evaluate(() => window.selfcheck.touch())).taps, tapsBefore, 'the drag was not a tap');
      assert.equal(await t.page.evaluate(() => window.selfcheck.document()), doc0, 'nothing edited');

      await t.ctx.close();
    });

    test(`${size.name}: the edited field stays above the on-screen keyboard`, async () => {
      const t = await open(size);
      await t.page.evaluate(s => window.selfcheck.load(s), SAMPLE);
      await go(t, size, 'settings');
      await dragInto(t, size, 'settings.industry_average');
      await press(t, 'settings.industry_average');
      await t.page.waitForFunction(() => document.activeElement && document.activeElement.id === 'ime');
      const inset = Math.round(size.height * 0.45);
      await act(t.page, () => t.page.evaluate(h => Module.ccall('app_keyboard_inset', null, ['number'], [h]), inset));
      const r = (await items(t.page))['settings.industry_average'];
      assert.ok(r[3] <= size.height - inset + 1, `field bottom ${r[3]} above the keyboard top ${size.height - inset}`);
      await t.ctx.close();
    });
  }
}

test('phone: a pinch neither zooms the page nor taps, scrolls or edits; the text size setting enlarges the text', async () => {
  const size = SIZES[0];
  const t = await open(size);
  await t.page.evaluate(s => window.selfcheck.load(s), SAMPLE);
  await go(t, size, 'results');
  const doc0 = await t.page.evaluate(() => window.selfcheck.document());
  const before = await items(t.page);
  const st0 = await t.page.evaluate(() => window.selfcheck.touch());
  const vp0 = await t.page.evaluate(() => [window.visualViewport.scale, window.innerWidth, window.scrollY]);
  // two fingers land together in the middle and spread apart vertically and sideways
  const cx = size.width / 2, cy = size.height / 2;
  const pts = k => [{ x: cx - 20 - 12 * k, y: cy - 30 - 20 * k, id: 1 }, { x: cx + 20 + 12 * k, y: cy + 30 + 20 * k, id: 2 }];
  await act(t.page, () => t.cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: pts(0) }), { settle: false });
  for (let k = 1; k <= 8; ++k)
    await act(t.page, () => t.cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: pts(k) }), { settle: false });
  await act(t.page, () => t.cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] }));
  const vp1 = await t.page.evaluate(() => [window.visualViewport.scale, window.innerWidth, window.scrollY]);
  assert.deepEqual(vp1, vp0, 'the page did not zoom or scroll (scale, width, scroll)');
  const st1 = await t.page.evaluate(() => window.selfcheck.touch());
  assert.equal(st1.taps, st0.taps, 'a pinch is no tap');
  assert.equal(st1.drags, st0.drags, 'a pinch is no drag');
  assert.equal(st1.long_presses, st0.long_presses, 'a pinch is no long press');
  const after = await items(t.page);
  for (const id of ['results.total_tce', 'results.total_tco2'])
    assert.deepEqual(after[id], before[id], `${id} stayed where it was`);
  assert.equal(await t.page.evaluate(() => window.selfcheck.document()), doc0, 'nothing edited');
  assert.notEqual(await t.page.evaluate(() => document.activeElement && document.activeElement.id), 'ime', 'no field opened');

  // what a pinch would be for: the app's own text size (largest), and the screen still fits
  const lineH = list => { const x = list.find(e => /\p{Script=Han}/u.test(e.text)); return x.rect[3] - x.rect[1]; };
  await go(t, size, 'settings');
  const h0 = lineH(await texts(t.page));
  await press(t, 'settings.text_size.3');
  await idle(t.page);
  const list = await texts(t.page);
  const h1 = lineH(list);
  // sizes 1.0 -> 1.3 (app/ui/settings_screen.cpp): a line of text grows by about 1.3x
  assert.ok(h1 > h0 * 1.2 && h1 < h0 * 1.4, `text grew from ${h0} to ${h1} px`);
  await t.page.screenshot({ path: path.join(SHOTS, 'phone_zh_settings_text_xlarge.png') });
  const p = checkTexts(list, size, 'phone/zh/settings at the largest text size');
  assert.deepEqual(p, [], p.slice(0, 4).join(' | '));
  await go(t, size, 'results');
  await t.page.screenshot({ path: path.join(SHOTS, 'phone_zh_results_text_xlarge.png') });
  const pr = checkTexts(await texts(t.page), size, 'phone/zh/results at the largest text size');
  assert.deepEqual(pr, [], pr.slice(0, 4).join(' | '));
  assert.deepEqual(t.errors, []);
  await t.ctx.close();
});

test('phone: a long press on a help mark shows its text inside the screen', async () => {
  const size = SIZES[0];
  const t = await open(size);
  await t.page.evaluate(s => window.selfcheck.load(s), SAMPLE);
  await idle(t.page);
  for (const screen of ['profile', 'energy']) {
    await go(t, size, screen);
    const list = await texts(t.page);
    // the screen title's help mark (the first "(?)" below the top bar)
    const mark = list.filter(x => x.text.trim() === '(?)' && x.rect[1] > 60).sort((a, b) => a.rect[1] - b.rect[1])[0];
    assert.ok(mark, `${screen}: a help mark is drawn`);
    const x = (mark.rect[0] + mark.rect[2]) / 2, y = (mark.rect[1] + mark.rect[3]) / 2;
    const st0 = await t.page.evaluate(() => window.selfcheck.touch());
    await act(t.page, () => touch(t.cdp, 'touchStart', [[x, y]]), { settle: false });
    // held still: the gesture layer turns it into a long press (hover help) after its own delay
    await t.page.waitForFunction(n => window.selfcheck.touch().long_presses > n, st0.long_presses, { timeout: 10000 });
    await act(t.page, () => touch(t.cdp, 'touchEnd', []));
    await t.page.waitForFunction(() => window.selfcheck.texts().some(e => /tooltip/i.test(e.window)), null, { timeout: 10000 });
    const tip = (await texts(t.page)).filter(e => /tooltip/i.test(e.window));
    await t.page.screenshot({ path: path.join(SHOTS, `phone_zh_${screen}_help.png`) });
    assert.ok(tip.length >= 1, `${screen}: the help text is drawn`);
    const p = checkTexts(tip, size, `phone/zh/${screen} help`);
    assert.deepEqual(p, [], p.slice(0, 4).join(' | '));
    // the next touch closes it
    await tapAt(t.page, size.width / 2, 30);
    await idle(t.page);
  }
  assert.deepEqual(t.errors, []);
  await t.ctx.close();
});

test('WeChat in-app browser without IndexedDB: says so and offers copy JSON', async () => {
  const ctx = await browser.newContext({
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true,
    userAgent: 'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.44',
  });
  await ctx.addInitScript(() => { Object.defineProperty(window, 'indexedDB', { get() { return undefined; } }); });
  const page = await ctx.newPage();
  await page.goto(site.url);
  await page.waitForFunction(() => window.selfcheck && window.selfcheck.ready, null, { timeout: 60000 });
  await page.evaluate(() => window.selfcheck.ready);
  await page.evaluate(s => window.selfcheck.load(s), SAMPLE);
  const cdp = await ctx.newCDPSession(page);
  const tt = { page, cdp };
  await page.waitForFunction(() => window.selfcheck.items()['inapp.copy_json'], null, { timeout: 10000 });
  const all = (await texts(page)).map(x => x.text).join('\n');
  assert.match(all, /微信/);
  await page.screenshot({ path: path.join(SHOTS, 'wechat_phone_banner.png') });
  await press(tt, 'inapp.copy_json');
  await page.waitForFunction(() => typeof window.selfcheckLastCopy === 'string', null, { timeout: 5000 });
  const copied = JSON.parse(await page.evaluate(() => window.selfcheckLastCopy));
  assert.ok(copied.enterprise && copied.enterprise.name, 'the copied JSON is the document');
  await ctx.close();
});

after(() => {
  const keys = Object.keys(problems);
  if (keys.length) console.log(`text problems on ${keys.length} screens:\n` + keys.map(k => `${k}: ${problems[k].length}`).join('\n'));
});
