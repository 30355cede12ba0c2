// Touch and phone-keyboard glue for the canvas app (app/ui/touch.cpp is the C++ half):
// - a tap on a text field focuses the hidden #ime input inside the touch handler itself, because
//   phones raise their keyboard only for a focus made during a user gesture; numeric fields ask for
//   the decimal keypad (inputmode="decimal"); a drag or a long press never focuses it;
// - the height the on-screen keyboard covers (visualViewport) goes to the app, which scrolls the
//   edited field above it;
// - page zoom by pinch is off (the app has a text size setting instead);
// - in-app browsers (WeChat and others) are named so the app can say what does not work there.
'use strict';
(function () {
  const canvas = document.getElementById('canvas');
  const ime = document.getElementById('ime');
  const ready = () => window.Module && Module.calledRun && typeof Module.ccall === 'function';
  const ua = navigator.userAgent || '';
  window.selfcheckEnv = {
    inApp: /MicroMessenger|WeChat|QQ\/|MQQBrowser.*Mobile.*QQ|Weibo|AlipayClient|DingTalk|Lark|Feishu/i.test(ua),
    wechat: /MicroMessenger/i.test(ua),
  };

  // Keep the keyboard up while ImGui activates the field a frame or two after the tap; then, if no
  // field took it (the app saw a long press, or the field went away), let it go: the app may have
  // stopped drawing frames by then (it renders on demand), so the page checks itself.
  let holdUntil = 0, holdTimer = 0;
  const realBlur = HTMLElement.prototype.blur;
  ime.blur = function () { if (performance.now() < holdUntil) return; realBlur.call(this); };
  const HOLD_MS = 700;

  // Only a tap opens a field: one finger that lifts within the slop of where it landed and before a
  // long press would show the help (the limits of app/ui/touch.cpp). A drag that began on a field
  // ends with the field under the finger again (the content follows the finger), and must not raise
  // the keyboard, not even for a moment.
  const SLOP = 10, LONG_PRESS_MS = 450;
  let press = null;  // {id, x, y, t, moved} of the finger down now
  canvas.addEventListener('touchstart', e => {
    const t = e.changedTouches[0];
    press = e.touches.length === 1 && t ? { id: t.identifier, x: t.clientX, y: t.clientY, t: performance.now(), moved: false } : null;
  }, { passive: true, capture: true });
  canvas.addEventListener('touchmove', e => {
    if (!press) return;
    if (e.touches.length > 1) { press = null; return; }
    for (const t of e.changedTouches)
      if (t.identifier === press.id && Math.hypot(t.clientX - press.x, t.clientY - press.y) > SLOP) press.moved = true;
  }, { passive: true, capture: true });
  canvas.addEventListener('touchcancel', () => { press = null; }, { passive: true, capture: true });

  canvas.addEventListener('touchend', e => {
    const p = press;
    press = null;
    if (!ready() || e.changedTouches.length !== 1 || e.touches.length) return;
    const t = e.changedTouches[0];
    if (!p || p.id !== t.identifier || p.moved || Math.hypot(t.clientX - p.x, t.clientY - p.y) > SLOP ||
        performance.now() - p.t >= LONG_PRESS_MS) return;  // a drag or a long press, not a tap
    const r = canvas.getBoundingClientRect();
    const kind = Module.ccall('app_field_at', 'number', ['number', 'number'], [t.clientX - r.left, t.clientY - r.top]);
    if (!kind) return;
    ime.inputMode = kind === 2 ? 'decimal' : 'text';
    ime.style.left = (t.clientX) + 'px';
    ime.style.top = (t.clientY) + 'px';
    holdUntil = performance.now() + HOLD_MS;
    ime.focus({ preventScroll: true });
    clearTimeout(holdTimer);
    holdTimer = setTimeout(() => {
      if (document.activeElement === ime && !Module.ccall('app_ime_wanted', 'number', [], [])) realBlur.call(ime);
    }, HOLD_MS + 50);
  }, { passive: true, capture: true });

  // The on-screen keyboard: the part of the layout viewport the visual viewport no longer shows.
  const vv = window.visualViewport;
  let lastInset = -1;
  const sendInset = () => {
    if (!ready()) return;
    const inset = vv ? Math.max(0, Math.round(window.innerHeight - vv.height - vv.offsetTop)) : 0;
    if (inset === lastInset) return;
    lastInset = inset;
    Module.ccall('app_keyboard_inset', null, ['number'], [inset]);
  };
  if (vv) { vv.addEventListener('resize', sendInset); vv.addEventListener('scroll', sendInset); }
  window.addEventListener('resize', sendInset);

  // No page zoom: pinch would scale the canvas bitmap, not the text (iOS ignores user-scalable=no).
  for (const ev of ['gesturestart', 'gesturechange']) document.addEventListener(ev, e => e.preventDefault(), { passive: false });
  document.addEventListener('touchmove', e => { if (e.touches.length > 1) e.preventDefault(); }, { passive: false });
})();
