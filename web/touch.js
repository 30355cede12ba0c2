// Touch and phone-keyboard glue for the canvas app (app/ui/touch.cpp is the C++ half):
// - a tap on a text field focuses the hidden #ime input inside the touch handler itself, because
//   phones raise their keyboard only for a focus made during a user gesture; numeric fields ask for
//   the decimal keypad (inputmode="decimal");
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

  // Keep the keyboard up while ImGui activates the field a frame or two after the tap.
  let holdUntil = 0;
  const realBlur = HTMLElement.prototype.blur;
  ime.blur = function () { if (performance.now() < holdUntil) return; realBlur.call(this); };

  canvas.addEventListener('touchend', e => {
    if (!ready() || e.changedTouches.length !== 1 || e.touches.length) return;
    const t = e.changedTouches[0];
    const r = canvas.getBoundingClientRect();
    const kind = Module.ccall('app_field_at', 'number', ['number', 'number'], [t.clientX - r.left, t.clientY - r.top]);
    if (!kind) return;
    ime.inputMode = kind === 2 ? 'decimal' : 'text';
    ime.style.left = (t.clientX) + 'px';
    ime.style.top = (t.clientY) + 'px';
    holdUntil = performance.now() + 700;
    ime.focus({ preventScroll: true });
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
