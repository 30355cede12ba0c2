// SelfCheck browser platform: the JavaScript half of app/platform/platform_web.cpp.
// IndexedDB library of saved self-checks (autosave), settings, the upload outbox (retry with
// backoff), file open, the lazily fetched fallback CJK font, the deployment's config.json.
// C++ calls SelfCheckPlatform.* through EM_JS; answers go back through Module.ccall('app_*').
// Large texts travel through MEMFS files (ccall passes strings on the wasm stack).
'use strict';
(function () {
  const DB_NAME = 'selfcheck';
  // Store versions (never reuse a number; each step upgrades the one before, see upgrade()):
  //   1  docs {id, name, ...meta}, texts {id, text}, meta (current, settings), outbox
  //   2  docs records carry `rev` (1, 2, ... per save): the cross-tab revision check
  const DB_VERSION = 2;
  // Tabs tell each other about saves; the revision check inside the write transaction is the rule,
  // this only lets the other tab say so at once (older browsers: the check alone).
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('selfcheck') : null;
  // This tab's id, stored with each save: revisions this tab wrote itself (saves still in flight
  // when the next one is sent) are never a conflict; another tab's are.
  const TAB_ID = Math.random().toString(36).slice(2) + Date.now().toString(36);
  // Held for the tab's lifetime (Web Locks): another tab's journal whose lock is free is an orphan.
  const LOCK = 'selfcheck.tab.';
  if (navigator.locks && navigator.locks.request)
    navigator.locks.request(LOCK + TAB_ID, () => new Promise(() => {})).catch(() => {});
  let db = null;            // IDBDatabase once open
  let dbError = null;       // why IndexedDB is unavailable (private window, blocked, ...)
  const dbReady = openDb(); // opened while the wasm downloads
  let lastDeleted = null;   // {meta, text} for undo
  const inflight = new Set();
  let pumpTimer = null;
  let tmpSeq = 0;

  const M = () => window.Module;
  const ccall = (name, types, args) => M().ccall(name, null, types, args);
  const stats = window.selfcheckPlatformStats = { saves: 0, journalReplays: 0, lastSaveMs: 0, uploads: 0, fontFetches: 0, fontBytes: 0, fontMs: 0 };

  function openDb() {
    return new Promise(resolve => {
      let req;
      try {
        if (!window.indexedDB) throw new Error('IndexedDB is not available');
        req = indexedDB.open(DB_NAME, DB_VERSION);
      } catch (e) { dbError = String(e && e.message || e); resolve(null); return; }
      req.onupgradeneeded = e => upgrade(req.result, req.transaction, e.oldVersion);
      req.onsuccess = () => {
        db = req.result;
        db.onversionchange = () => { db.close(); db = null; };
        resolve(db);
      };
      req.onerror = () => { dbError = String(req.error && (req.error.name + ': ' + req.error.message) || 'open failed'); resolve(null); };
      req.onblocked = () => { dbError = 'IndexedDB blocked by another tab'; };
    });
  }

  // Upgrade a store written by an older version in place (the versionchange transaction).
  function upgrade(d, t, oldVersion) {
    if (oldVersion < 1) {
      d.createObjectStore('docs', { keyPath: 'id' });
      d.createObjectStore('texts', { keyPath: 'id' });
      d.createObjectStore('meta');
      d.createObjectStore('outbox', { keyPath: 'submission_id' });
    }
    if (oldVersion < 2) {
      // Every saved self-check gets revision 1; nothing else changes (texts are kept byte for byte).
      const docs = t.objectStore('docs');
      docs.openCursor().onsuccess = ev => {
        const c = ev.target.result;
        if (!c) return;
        if (typeof c.value.rev !== 'number') c.update(Object.assign(c.value, { rev: 1 }));
        c.continue();
      };
      t.objectStore('meta').put(2, 'store_version');
    }
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
  // quota | unavailable | aborted | other: the app words the message (both languages).
  function errCode(e) {
    const n = e && e.name;
    if (n === 'QuotaExceededError' || (e && e.code === 22)) return 'quota';
    if (n === 'AbortError' || n === 'TransactionInactiveError') return 'aborted';
    if (n === 'InvalidStateError' || n === 'SecurityError' || n === 'UnknownError') return 'unavailable';
    return 'other';
  }
  function fail(e, code) { ccall('app_storage_error', ['string', 'string'], [code || errCode(e), errText(e)]); }
  if (channel) channel.onmessage = ev => {
    const m = ev.data || {};
    if (m.type === 'saved' && typeof m.id === 'string') ccall('app_storage_changed', ['string', 'number'], [m.id, Number(m.rev) || 0]);
  };

  // Journal: every save is also written synchronously to localStorage (one key per tab) before its
  // IndexedDB transaction starts, and removed when that transaction commits. The save transaction
  // reads the stored revision before it writes, so a tab closed while a save is in flight (the flush
  // on pagehide) can lose it: the journal is left behind, and the next start writes it into the
  // library — onto the same self-check when nothing was saved there since, else as a new copy.
  const JOURNAL = 'selfcheck.journal.';
  let journalNext = 0;     // seq numbers only grow (saves may complete out of order)
  let journalSeq = 0;      // the seq of this tab's journal entry (0: none pending)
  let journalRec = null;   // that entry, kept to mark it closed on pagehide
  function journalWrite(rec) {
    journalRec = rec;
    try { localStorage.setItem(JOURNAL + TAB_ID, JSON.stringify(rec)); journalSeq = rec.seq; }
    catch (e) {
      // No localStorage, or full: IndexedDB alone. An older entry of this tab must not outlive it
      // (replayed later it would come back as a stale copy).
      journalSeq = 0; journalRec = null;
      try { localStorage.removeItem(JOURNAL + TAB_ID); } catch (e2) { /* unavailable */ }
    }
  }
  function journalDone(seq) {
    if (seq !== journalSeq) return;  // a newer save of this tab is pending: keep its entry
    journalSeq = 0; journalRec = null;
    try { localStorage.removeItem(JOURNAL + TAB_ID); } catch (e) { /* unavailable */ }
  }
  function journalMark(closed) {  // pagehide: this entry's tab is gone (or frozen in the back/forward cache)
    if (!journalSeq || !journalRec) return;
    journalRec.closed = closed;
    try { localStorage.setItem(JOURNAL + TAB_ID, JSON.stringify(journalRec)); } catch (e) { /* unavailable */ }
  }
  function uuidV4() {
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }
  function replayOne(j) {
    const t = db.transaction(['docs', 'texts', 'meta'], 'readwrite');
    const docs = t.objectStore('docs');
    docs.get(j.id).onsuccess = ev => {
      const stored = ev.target.result;
      const storedRev = stored ? (stored.rev || 0) : 0;
      const meta = JSON.parse(j.meta);
      if (storedRev === j.base || (stored && stored.tab === j.tab && storedRev > j.base)) {
        // Nothing else was saved there since: the journal is the newest version of that self-check.
        docs.put(Object.assign(meta, { id: j.id, rev: storedRev + 1, tab: j.tab }));
        t.objectStore('texts').put({ id: j.id, text: j.text });
        t.objectStore('meta').put(j.id, 'current');
      } else {
        // Another tab saved (or deleted) it meanwhile: both are kept, this one as a new self-check.
        const id = uuidV4(), now = Date.now();
        const zh = !navigator.language || /^zh/i.test(navigator.language);
        const name = (meta.name || '') + (zh ? '（关闭页面前未保存的修改）' : ' (unsaved edits at close)');
        docs.put(Object.assign(meta, { id, name, custom_name: true, rev: 1, tab: j.tab, created_ms: now, updated_ms: now }));
        t.objectStore('texts').put({ id, text: j.text });
        t.objectStore('meta').put(id, 'current');
      }
    };
    return txDone(t);
  }
  // Orphan journals (their tab is gone) into the library, before the open self-check is read.
  async function replayJournals() {
    const keys = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (k && k.startsWith(JOURNAL) && k !== JOURNAL + TAB_ID) keys.push(k);
      }
    } catch (e) { return; }
    if (!keys.length) return;
    let held = null;
    try { if (navigator.locks && navigator.locks.query) held = new Set((await navigator.locks.query()).held.map(l => l.name)); }
    catch (e) { held = null; }
    for (const k of keys) {
      let j = null;
      try { j = JSON.parse(localStorage.getItem(k)); } catch (e) { j = null; }
      const valid = j && typeof j.id === 'string' && typeof j.meta === 'string' && typeof j.text === 'string' &&
                    typeof j.tab === 'string' && Number.isFinite(j.base);
      if (!valid) { try { localStorage.removeItem(k); } catch (e) { /* unavailable */ } continue; }
      // Alive: its lock is held and it has not been closed; without Web Locks, recent and not closed.
      const alive = !j.closed && (held ? held.has(LOCK + j.tab) : Date.now() - (j.t || 0) < 10000);
      if (alive) continue;
      try { await replayOne(j); stats.journalReplays++; localStorage.removeItem(k); }
      catch (e) { console.warn('selfcheck: unsaved edits from a closed tab could not be written yet: ' + errText(e)); }
    }
  }

  const P = window.SelfCheckPlatform = {
    // ---- library of saved self-checks
    async storageOpen() {
      await dbReady;
      P.loadConfig();
      if (!db) { ccall('app_storage_opened', ['string'], [JSON.stringify({ ok: false, error: dbError || 'IndexedDB unavailable' })]); return; }
      await replayJournals();
      try {
        const t = db.transaction(['docs', 'texts', 'meta', 'outbox'], 'readonly');
        const current = await reqP(t.objectStore('meta').get('current'));
        const settings = await reqP(t.objectStore('meta').get('settings'));
        let text = null, rev = 0;
        if (current) {
          const r = await reqP(t.objectStore('texts').get(current)); text = r ? r.text : null;
          const m = await reqP(t.objectStore('docs').get(current)); rev = m && m.rev || 0;
        }
        const list = await listDocs();
        const out = { ok: true, current_id: text != null ? current : '', current_rev: rev, settings: settings || {}, list };
        if (text != null) out.current_path = writeTmp(text);
        ccall('app_storage_opened', ['string'], [JSON.stringify(out)]);
      } catch (e) {
        ccall('app_storage_opened', ['string'], [JSON.stringify({ ok: false, error: errText(e) })]);
        return;
      }
      notifyOutbox(true);
      pump();
    },
    // One transaction: check the stored revision, then write meta + text + current together, so a
    // failure half-way leaves the previous save whole. A stored revision newer than baseRev that
    // another tab wrote means that tab saved in between: nothing is written and the app asks the
    // user (conflict). Newer revisions this tab wrote (saves in flight) are its own.
    storagePut(id, metaJson, text, baseRev) {
      if (!db) { fail(dbError || 'IndexedDB unavailable', 'unavailable'); return; }
      const t0 = performance.now();
      const base = Number(baseRev) || 0;
      let t, why = null, conflictRev = -1, rev = base + 1;
      const seq = ++journalNext;
      journalWrite({ seq, id, meta: metaJson, text, base, tab: TAB_ID, t: Date.now() });
      try {
        const meta = JSON.parse(metaJson);
        t = db.transaction(['docs', 'texts', 'meta'], 'readwrite');
        const docs = t.objectStore('docs');
        docs.get(id).onsuccess = ev => {
          const stored = ev.target.result;
          const storedRev = stored ? (stored.rev || 0) : 0;
          const mine = stored && stored.tab === TAB_ID && storedRev > base;
          if (storedRev !== base && !mine) { conflictRev = storedRev; t.abort(); return; }
          rev = storedRev + 1;
          try {
            docs.put(Object.assign(meta, { rev, tab: TAB_ID }));
            t.objectStore('texts').put({ id, text });
            t.objectStore('meta').put(id, 'current');
          } catch (e) { why = e; try { t.abort(); } catch (e2) { /* already finished */ } }
        };
      } catch (e) { fail(e); return; }
      txDone(t).then(() => {
        stats.saves++; stats.lastSaveMs = performance.now() - t0;
        journalDone(seq);
        ccall('app_storage_saved', ['string', 'number', 'number'], [id, stats.lastSaveMs, rev]);
        if (channel) channel.postMessage({ type: 'saved', id, rev });
      }, e => {
        if (conflictRev >= 0) {
          // The app asks the user (reload, or save this tab's version as a copy): not replayed later.
          journalDone(seq);
          ccall('app_storage_conflict', ['string', 'number'], [id, conflictRev]);
          return;
        }
        // A put that threw (why) says what it was; a transaction the browser aborted (disk error,
        // quota reached at commit, tab closing) is "aborted" unless its error says quota.
        const err = why || e || new DOMException('transaction aborted', 'AbortError');
        const code = errCode(err);
        fail(err, code === 'quota' ? 'quota' : code === 'other' && why ? 'other' : 'aborted');
      });
    },
    async storageGet(id) {
      try {
        const t = db.transaction(['texts', 'docs'], 'readonly');
        const r = await reqP(t.objectStore('texts').get(id));
        const m = await reqP(t.objectStore('docs').get(id));
        ccall('app_storage_got', ['string', 'string', 'number'], [id, r ? writeTmp(r.text) : '', m && m.rev || 0]);
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
          t.objectStore('docs').put(Object.assign({}, meta, { id: newId, name: newName, custom_name: true, created_ms: now, updated_ms: now, rev: 1 }));
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
    // No WebGL: the app cannot draw. Say so in both languages with what to do, and list the saved
    // self-checks with a plain download each (no wasm needed), so nothing saved is out of reach.
    async showNoGpu(detail) {
      const box = document.getElementById('nogpu');
      if (!box) return;
      const loading = document.getElementById('loading');
      if (loading) loading.style.display = 'none';
      const canvas = document.getElementById('canvas');
      if (canvas) canvas.style.display = 'none';
      box.hidden = false;
      const d = document.getElementById('nogpu-detail');
      if (d) d.textContent = detail || '';
      const list = document.getElementById('nogpu-list');
      await dbReady;
      let docs = [];
      try { if (db) docs = await listDocs(); } catch (e) { docs = null; }
      list.textContent = '';
      if (!db || docs === null) {
        list.textContent = '本浏览器的本机存储不可用，没有可导出的自诊断。 Browser storage is unavailable here; there is nothing saved to export.';
      } else if (docs.length === 0) {
        list.textContent = '本浏览器中还没有保存的自诊断。 No self-checks are saved in this browser yet.';
      }
      for (const m of docs || []) {
        const li = document.createElement('li');
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'nogpu-export';
        b.dataset.id = m.id;
        b.textContent = '下载 JSON / Download JSON';
        b.addEventListener('click', () => P.exportSaved(m.id));
        const when = m.updated_ms ? new Date(m.updated_ms).toLocaleString() : '';
        li.append(document.createTextNode((m.name || '未命名 / unnamed') + (when ? ' (' + when + ') ' : ' ')), b);
        list.appendChild(li);
      }
      window.selfcheckNoGpu = { detail: detail || '', docs: (docs || []).length };
    },
    // The stored text of a saved self-check as a JSON download (the app's own file format).
    async exportSaved(id) {
      const t = db.transaction(['texts', 'docs'], 'readonly');
      const r = await reqP(t.objectStore('texts').get(id));
      const m = await reqP(t.objectStore('docs').get(id));
      if (!r) return;
      const name = String(m && m.name || 'selfcheck').replace(/[\\/:*?"<>|]+/g, '_');
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([r.text], { type: 'application/json;charset=utf-8' }));
      a.download = '节能降碳自诊断_' + name + '.json';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    },
    uuidV4,
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
  window.addEventListener('pagehide', () => { flush(); journalMark(true); });
  window.addEventListener('pageshow', ev => { if (ev.persisted) journalMark(false); });

  // Offline: the service worker caches the app shell after the first visit.
  if ('serviceWorker' in navigator && location.protocol !== 'file:') {
    window.addEventListener('load', () => {
      navigator.serviceWorker.register('sw.js').catch(e => console.warn('service worker: ' + e));
    });
  }
})();
