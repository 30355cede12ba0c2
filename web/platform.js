// SelfCheck browser platform: the JavaScript half of app/platform/platform_web.cpp.
// IndexedDB library of saved self-checks (autosave), settings, the upload outbox (retry with
// backoff), file open, the lazily fetched fallback CJK font, the deployment's config.json.
// C++ calls SelfCheckPlatform.* through EM_JS; answers go back through Module.ccall('app_*').
// Large texts travel through MEMFS files (ccall passes strings on the wasm stack).
'use strict';
(function () {
  const DB_NAME = 'selfcheck';
  const DB_VERSION = 1;
  let db = null;            // IDBDatabase once open
  let dbError = null;       // why IndexedDB is unavailable (private window, blocked, ...)
  const dbReady = openDb(); // opened while the wasm downloads
  let lastDeleted = null;   // {meta, text} for undo
  const inflight = new Set();
  let pumpTimer = null;
  let tmpSeq = 0;

  const M = () => window.Module;
  const ccall = (name, types, args) => M().ccall(name, null, types, args);
  const stats = window.selfcheckPlatformStats = { saves: 0, lastSaveMs: 0, uploads: 0, fontFetches: 0, fontBytes: 0, fontMs: 0 };

  function openDb() {
    return new Promise(resolve => {
      let req;
      try {
        if (!window.indexedDB) throw new Error('IndexedDB is not available');
        req = indexedDB.open(DB_NAME, DB_VERSION);
      } catch (e) { dbError = String(e && e.message || e); resolve(null); return; }
      req.onupgradeneeded = () => {
        const d = req.result;
        if (!d.objectStoreNames.contains('docs')) d.createObjectStore('docs', { keyPath: 'id' });
        if (!d.objectStoreNames.contains('texts')) d.createObjectStore('texts', { keyPath: 'id' });
        if (!d.objectStoreNames.contains('meta')) d.createObjectStore('meta');
        if (!d.objectStoreNames.contains('outbox')) d.createObjectStore('outbox', { keyPath: 'submission_id' });
      };
      req.onsuccess = () => {
        db = req.result;
        db.onversionchange = () => { db.close(); db = null; };
        resolve(db);
      };
      req.onerror = () => { dbError = String(req.error && (req.error.name + ': ' + req.error.message) || 'open failed'); resolve(null); };
      req.onblocked = () => { dbError = 'IndexedDB blocked by another tab'; };
    });
  }

  const reqP = r => new Promise((res, rej) => { r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const txDone = t => new Promise((res, rej) => {
    t.oncomplete = () => res();
    t.onerror = () => rej(t.error);
    t.onabort = () => rej(t.error || new Error('transaction aborted'));
  });
  const errText = e => String(e && e.name ? e.name + ': ' + e.message : e);

  function writeTmp(text) {
    const path = '/tmp/sc_' + (++tmpSeq) + '.txt';
    M().FS.writeFile(path, text);
    return path;
  }

  async function listDocs() {
    const t = db.transaction('docs', 'readonly');
    const all = await reqP(t.objectStore('docs').getAll());
    all.sort((a, b) => (b.updated_ms || 0) - (a.updated_ms || 0));
    return all;
  }
  async function notifyList() {
    try { ccall('app_storage_list', ['string'], [JSON.stringify(await listDocs())]); }
    catch (e) { ccall('app_storage_error', ['string'], [errText(e)]); }
  }
  function fail(e) { ccall('app_storage_error', ['string'], [errText(e)]); }

  const P = window.SelfCheckPlatform = {
    // ---- library of saved self-checks
    async storageOpen() {
      await dbReady;
      P.loadConfig();
      if (!db) { ccall('app_storage_opened', ['string'], [JSON.stringify({ ok: false, error: dbError || 'IndexedDB unavailable' })]); return; }
      try {
        const t = db.transaction(['docs', 'texts', 'meta', 'outbox'], 'readonly');
        const current = await reqP(t.objectStore('meta').get('current'));
        const settings = await reqP(t.objectStore('meta').get('settings'));
        let text = null;
        if (current) { const r = await reqP(t.objectStore('texts').get(current)); text = r ? r.text : null; }
        const list = await listDocs();
        const out = { ok: true, current_id: text != null ? current : '', settings: settings || {}, list };
        if (text != null) out.current_path = writeTmp(text);
        ccall('app_storage_opened', ['string'], [JSON.stringify(out)]);
      } catch (e) {
        ccall('app_storage_opened', ['string'], [JSON.stringify({ ok: false, error: errText(e) })]);
        return;
      }
      notifyOutbox(true);
      pump();
    },
    storagePut(id, metaJson, text) {
      if (!db) { fail(dbError || 'IndexedDB unavailable'); return; }
      const t0 = performance.now();
      try {
        const meta = JSON.parse(metaJson);
        const t = db.transaction(['docs', 'texts', 'meta'], 'readwrite');
        t.objectStore('docs').put(meta);
        t.objectStore('texts').put({ id, text });
        t.objectStore('meta').put(id, 'current');
        txDone(t).then(() => {
          stats.saves++; stats.lastSaveMs = performance.now() - t0;
          ccall('app_storage_saved', ['string', 'number'], [id, stats.lastSaveMs]);
        }, fail);
      } catch (e) { fail(e); }
    },
    async storageGet(id) {
      try {
        const r = await reqP(db.transaction('texts', 'readonly').objectStore('texts').get(id));
        ccall('app_storage_got', ['string', 'string'], [id, r ? writeTmp(r.text) : '']);
      } catch (e) { fail(e); }
    },
    async storageUpdateMeta(id, metaJson) {
      try {
        const t = db.transaction('docs', 'readwrite');
        const s = t.objectStore('docs');
        const old = await reqP(s.get(id));
        if (old) s.put(Object.assign(old, JSON.parse(metaJson)));
        await txDone(t);
        notifyList();
      } catch (e) { fail(e); }
    },
    async storageDuplicate(id, newId, newName) {
      try {
        const t = db.transaction(['docs', 'texts'], 'readwrite');
        const meta = await reqP(t.objectStore('docs').get(id));
        const text = await reqP(t.objectStore('texts').get(id));
        if (meta && text) {
          const now = Date.now();
          t.objectStore('docs').put(Object.assign({}, meta, { id: newId, name: newName, custom_name: true, created_ms: now, updated_ms: now }));
          t.objectStore('texts').put({ id: newId, text: text.text });
        }
        await txDone(t);
        notifyList();
      } catch (e) { fail(e); }
    },
    async storageDelete(id) {
      try {
        const t = db.transaction(['docs', 'texts'], 'readwrite');
        const meta = await reqP(t.objectStore('docs').get(id));
        const text = await reqP(t.objectStore('texts').get(id));
        t.objectStore('docs').delete(id);
        t.objectStore('texts').delete(id);
        await txDone(t);
        lastDeleted = meta ? { meta, text } : null;
        notifyList();
      } catch (e) { fail(e); }
    },
    async storageUndoDelete() {
      if (!lastDeleted) return;
      try {
        const t = db.transaction(['docs', 'texts'], 'readwrite');
        t.objectStore('docs').put(lastDeleted.meta);
        if (lastDeleted.text) t.objectStore('texts').put(lastDeleted.text);
        await txDone(t);
        lastDeleted = null;
        notifyList();
      } catch (e) { fail(e); }
    },
    storageSetCurrent(id) {
      if (!db) return;
      try { db.transaction('meta', 'readwrite').objectStore('meta').put(id, 'current'); } catch (e) { fail(e); }
    },
    settingsPut(json) {
      if (!db) return;
      try {
        const t = db.transaction('meta', 'readwrite');
        t.objectStore('meta').put(JSON.parse(json), 'settings');
        txDone(t).catch(fail);
      } catch (e) { fail(e); }
    },
    async clearLocalData() {
      clearTimeout(pumpTimer);
      if (db) { db.close(); db = null; }
      const ok = await new Promise(res => {
        try {
          const r = indexedDB.deleteDatabase(DB_NAME);
          r.onsuccess = () => res(true); r.onerror = () => res(false); r.onblocked = () => res(false);
        } catch (e) { res(false); }
      });
      try { localStorage.clear(); sessionStorage.clear(); } catch (e) { /* private mode */ }
      lastDeleted = null;
      await (async () => { db = await openDb(); })();
      ccall('app_storage_cleared', ['number'], [ok ? 1 : 0]);
    },

    // ---- deployment config (config.json beside index.html; optional)
    async loadConfig() {
      try {
        const r = await fetch('config.json', { cache: 'no-store' });
        if (!r.ok) return;
        const j = await r.json();
        ccall('app_config', ['string'], [JSON.stringify(j)]);
      } catch (e) { /* no config: nothing preset */ }
    },

    // ---- file open
    openFile() {
      let input = document.getElementById('sc-file');
      if (!input) {
        input = document.createElement('input');
        input.type = 'file'; input.id = 'sc-file'; input.accept = '.json,application/json';
        input.style.display = 'none';
        document.body.appendChild(input);
        input.addEventListener('change', async () => {
          const f = input.files && input.files[0];
          input.value = '';
          if (!f) return;
          if (f.size > 8 * 1024 * 1024) { ccall('app_file_error', ['string', 'number'], [f.name, f.size]); return; }
          const bytes = new Uint8Array(await f.arrayBuffer());
          const path = '/tmp/sc_import_' + (++tmpSeq);
          M().FS.writeFile(path, bytes);
          ccall('app_file_opened', ['string', 'string'], [f.name, path]);
        });
      }
      input.click();
    },
    openHtml(html) {
      const url = URL.createObjectURL(new Blob([html], { type: 'text/html;charset=utf-8' }));
      const w = window.open(url, '_blank');
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      return w ? 1 : 0;
    },

    // ---- fallback font (fetched once, written into MEMFS; the service worker caches it)
    async fetchFallbackFont() {
      const t0 = performance.now();
      stats.fontFetches++;
      try {
        const r = await fetch('fonts/fallback.otf');
        if (!r.ok) throw new Error('HTTP ' + r.status);
        const buf = new Uint8Array(await r.arrayBuffer());
        try { M().FS.mkdir('/fonts'); } catch (e) { /* exists */ }
        M().FS.writeFile('/fonts/fallback.otf', buf);
        stats.fontBytes = buf.length; stats.fontMs = performance.now() - t0;
        ccall('app_fallback_font', ['number', 'string', 'number'], [1, '/fonts/fallback.otf', buf.length]);
      } catch (e) {
        ccall('app_fallback_font', ['number', 'string', 'number'], [0, errText(e), 0]);
      }
    },

    // ---- upload outbox: a record is {submission_id, url, body, doc_id, doc_name, created_at,
    // status: pending|sending|accepted|failed, attempts, next_ms, http_status, receipt, errors}
    async uploadEnqueue(recJson) {
      const rec = JSON.parse(recJson);
      Object.assign(rec, { status: 'pending', attempts: 0, next_ms: 0, http_status: null, receipt: null, errors: null });
      try {
        if (db) { const t = db.transaction('outbox', 'readwrite'); t.objectStore('outbox').put(rec); await txDone(t); }
        else memOutbox.set(rec.submission_id, rec);
      } catch (e) { fail(e); memOutbox.set(rec.submission_id, rec); }
      await notifyOutbox();
      pump();
    },
    async uploadRetry(id) {
      const rec = await getRec(id);
      if (!rec) return;
      Object.assign(rec, { status: 'pending', next_ms: 0 });
      await putRec(rec);
      await notifyOutbox();
      pump();
    },
    async uploadRemove(id) {
      memOutbox.delete(id);
      try { if (db) { const t = db.transaction('outbox', 'readwrite'); t.objectStore('outbox').delete(id); await txDone(t); } } catch (e) { fail(e); }
      notifyOutbox();
    },
    uuidV4() {
      const b = crypto.getRandomValues(new Uint8Array(16));
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    },
  };

  // Without IndexedDB (private window) the queue lives in memory for this tab only.
  const memOutbox = new Map();
  async function allRecs() {
    let list = [];
    try { if (db) list = await reqP(db.transaction('outbox', 'readonly').objectStore('outbox').getAll()); } catch (e) { fail(e); }
    for (const r of memOutbox.values()) if (!list.find(x => x.submission_id === r.submission_id)) list.push(r);
    return list;
  }
  async function getRec(id) {
    if (memOutbox.has(id)) return memOutbox.get(id);
    try { return db ? await reqP(db.transaction('outbox', 'readonly').objectStore('outbox').get(id)) : null; } catch (e) { return null; }
  }
  async function putRec(rec) {
    if (memOutbox.has(rec.submission_id) || !db) { memOutbox.set(rec.submission_id, rec); return; }
    try { const t = db.transaction('outbox', 'readwrite'); t.objectStore('outbox').put(rec); await txDone(t); }
    catch (e) { fail(e); memOutbox.set(rec.submission_id, rec); }
  }
  async function notifyOutbox(resetSending) {
    const list = await allRecs();
    for (const r of list) {
      // A tab closed mid-send leaves 'sending': send again (the receiver is idempotent per id).
      if (resetSending && r.status === 'sending' && !inflight.has(r.submission_id)) { r.status = 'pending'; r.next_ms = 0; await putRec(r); }
    }
    list.sort((a, b) => String(b.created_at).localeCompare(String(a.created_at)));
    const slim = list.map(r => { const c = Object.assign({}, r); c.body_bytes = r.body ? r.body.length : 0; delete c.body; return c; });
    ccall('app_upload_list', ['string'], [JSON.stringify(slim)]);
  }

  // Retry rule (docs/submission.md): network failure (status 0), 429 and 5xx retry with backoff;
  // any other status is final. Backoff 1 s, 2 s, 4 s ... capped at 30 s; Retry-After is honoured.
  const retryable = s => s === 0 || s === 429 || s >= 500;
  async function pump() {
    clearTimeout(pumpTimer);
    pumpTimer = null;
    const list = await allRecs();
    const now = Date.now();
    let next = Infinity;
    for (const rec of list) {
      if (rec.status !== 'pending' || inflight.has(rec.submission_id)) continue;
      if ((rec.next_ms || 0) <= now) send(rec); else next = Math.min(next, rec.next_ms);
    }
    if (next < Infinity) pumpTimer = setTimeout(pump, Math.max(50, next - Date.now()));
  }
  async function send(rec) {
    inflight.add(rec.submission_id);
    rec.status = 'sending';
    rec.attempts = (rec.attempts || 0) + 1;
    await putRec(rec);
    await notifyOutbox();
    let status = 0, text = '', retryAfter = 0;
    try {
      const ctl = new AbortController();
      const timer = setTimeout(() => ctl.abort(), 15000);
      const r = await fetch(rec.url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: rec.body,
                                       signal: ctl.signal, cache: 'no-store', credentials: 'omit' });
      clearTimeout(timer);
      status = r.status;
      text = await r.text();
      retryAfter = Number(r.headers.get('Retry-After')) || 0;
    } catch (e) { status = 0; text = errText(e); }
    stats.uploads++;
    rec.http_status = status;
    let body = null;
    try { body = JSON.parse(text); } catch (e) { /* not JSON */ }
    if (status === 200 || status === 201) {
      rec.status = 'accepted'; rec.receipt = body; rec.errors = null;
    } else if (retryable(status)) {
      rec.status = 'pending';
      const backoff = Math.min(30000, 1000 * Math.pow(2, Math.max(0, rec.attempts - 1)));
      rec.next_ms = Date.now() + Math.max(backoff, Math.min(retryAfter * 1000, 300000));
      rec.errors = body && body.errors ? body.errors : [{ path: '', message_zh: status ? 'HTTP ' + status : '网络不可用或接收端无法连接：' + text,
                                                         message_en: status ? 'HTTP ' + status : 'network unavailable or receiver unreachable: ' + text }];
    } else {
      rec.status = 'failed';
      rec.errors = body && body.errors ? body.errors : [{ path: '', message_zh: 'HTTP ' + status + ' ' + text.slice(0, 200), message_en: 'HTTP ' + status + ' ' + text.slice(0, 200) }];
    }
    inflight.delete(rec.submission_id);
    await putRec(rec);
    await notifyOutbox();
    pump();
  }
  window.addEventListener('online', async () => {
    for (const r of await allRecs()) if (r.status === 'pending') { r.next_ms = 0; await putRec(r); }
    pump();
  });

  // Autosave: never lose the last edits when the tab is hidden, closed or navigated away.
  const flush = () => { try { if (M() && M().calledRun) M().ccall('app_storage_flush', null, [], []); } catch (e) { /* not started */ } };
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush(); });
  window.addEventListener('pagehide', flush);

  // Offline: the service worker caches the app shell after the first visit.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    window.addEventListener('load', () => {
      navigator.serviceWorker.register('sw.js').catch(e => console.warn('service worker: ' + e));
    });
  }
})();
