// Sharing and keeping runs. A run of thaw is determined by its request (scenario, seed, runs,
// parameter overrides, decisions switched): the same request gives the same run on any server of
// the same version. So a link carries the request, not the results, and a reload keeps the
// requests (and the server's ids while it still has the runs).

// The request in a link's fragment: #run=<base64url of its JSON>. The fragment never reaches the
// server, and base64url needs no escaping in any mail or chat program.
export function requestToHash(request) {
  const bytes = new TextEncoder().encode(JSON.stringify(request));
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return '#run=' + btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The request a fragment carries, null when there is none, or an Error saying what is wrong.
export function hashToRequest(hash) {
  const m = /^#run=([A-Za-z0-9_-]*)$/.exec(hash || '');
  if (!m) return hash && hash.startsWith('#run=') ? new Error('this link is damaged: its run= part is not one the page wrote') : null;
  try {
    const text = atob(m[1].replace(/-/g, '+').replace(/_/g, '/'));
    const request = JSON.parse(new TextDecoder().decode(Uint8Array.from(text, (c) => c.charCodeAt(0))));
    if (typeof request !== 'object' || request === null || typeof request.scenario !== 'string') throw new Error('no scenario');
    return {
      scenario: request.scenario,
      seed: Number.isFinite(Number(request.seed)) ? Number(request.seed) : 1,
      replicates: Number(request.replicates) || 1,
      set: typeof request.set === 'object' && request.set ? request.set : {},
      decisions: Array.isArray(request.decisions) ? request.decisions.filter((d) => d && typeof d.id === 'string') : [],
      name: typeof request.name === 'string' ? request.name : '',
    };
  } catch (e) {
    return new Error(`this link is damaged and cannot be read (${e.message})`);
  }
}

// ---- runs kept across a reload (localStorage: small, the requests and ids only) --------------
const KEY = 'thaw.runs';
const KEEP = 20;

export function loadSaved() {
  try {
    const list = JSON.parse(localStorage.getItem(KEY) || '[]');
    return Array.isArray(list) ? list.filter((r) => r && r.request && typeof r.request.scenario === 'string') : [];
  } catch {
    return [];
  }
}

export function saveRuns(runs) {
  const list = runs.filter((r) => r.request).slice(-KEEP).map((r) => ({ id: r.id, name: r.name, request: r.request }));
  try {
    localStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // A full or forbidden store: the runs stay for this page only.
  }
}

// ---- downloads ---------------------------------------------------------------------------------
export function download(filename, content, type) {
  const url = URL.createObjectURL(content instanceof Blob ? content : new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const csvCell = (v) => {
  if (v == null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
export const csvLine = (cells) => cells.map(csvCell).join(',');

// A file name from words: "Grain harvest" -> "grain-harvest".
export const slug = (text) => String(text).toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'chart';

// The run's indicators as the CLI's indicators.csv lays them out: one row a month, one column an
// indicator: the first run's, and for an ensemble its 5 %, median and 95 % beside them.
export function indicatorsCsv(run) {
  const ind = run.indicators || { labels: [], columns: {} };
  const names = Object.keys(ind.columns);
  const header = ['date'];
  for (const n of names) {
    header.push(n);
    if (ind.low && ind.low[n]) header.push(`${n} p05`, `${n} median`, `${n} p95`);
  }
  const rows = [csvLine(header)];
  (ind.labels || []).forEach((label, i) => {
    const cells = [label];
    for (const n of names) {
      cells.push(ind.columns[n][i]);
      if (ind.low && ind.low[n]) cells.push(ind.low[n][i], ind.median ? ind.median[n][i] : '', ind.high[n][i]);
    }
    rows.push(csvLine(cells));
  });
  return rows.join('\n') + '\n';
}

export function eventsCsv(run) {
  const events = run.events || [];
  const keys = ['date', 'code', 'severity', 'subject', 'text'];  // the order of the CLI's events.csv
  return [csvLine(keys), ...events.map((e) => csvLine(keys.map((k) => e[k])))].join('\n') + '\n';
}

// What reproduces the run and what it changed, as JSON (the results are in the two CSV files);
// `link` is the page's link to it.
export function runJson(run, link) {
  return JSON.stringify({
    scenario: run.scenario, seed: run.seed, replicates: run.replicates, request: run.request, changes: run.changes, link,
  }, null, 2) + '\n';
}
