import './style.css';
import { api, sleep } from './api.js';
import { drawCharts } from './charts.js';
import { drawTimeline } from './timeline.js';
import { checkValue, plainError, runLabel, monthLong, esc } from './labels.js';
import { LEVERS, THEMES, themeOf } from './levers.js';
import { initClassroom } from './classroom.js';
import { requestToHash, hashToRequest, loadSaved, saveRuns, download, indicatorsCsv, eventsCsv, runJson, slug } from './share.js';

const $ = (id) => document.getElementById(id);
const state = { scenario: null, overrides: {}, runs: [], current: null, play: null };

function showError(el, message) {
  el.textContent = message || '';
  el.hidden = !message;
}

// ---- tabs -------------------------------------------------------------------------------------
document.querySelectorAll('.tab').forEach((b) => b.addEventListener('click', () => {
  document.querySelectorAll('.tab').forEach((t) => t.classList.toggle('active', t === b));
  document.querySelectorAll('.panel').forEach((p) => p.classList.toggle('active', p.id === b.dataset.tab));
  if (b.dataset.tab === 'compare') drawCompare();
  if (b.dataset.tab === 'sources') drawSources().catch((e) => { $('bib-works').textContent = e.message; });
}));

// ---- scenarios, decisions, parameters --------------------------------------------------------
// The Thaw's scenarios first; the classic models (Epstein's civil violence) apart, and only in
// Explore: they have no calendar, no record and nothing to play. An option shows the name only;
// the description is shown under the list (long descriptions made the list wider than a screen).
async function loadScenarios() {
  const list = await api('/api/scenarios');
  state.scenarios = list;
  const opt = (s) => `<option value="${esc(s.name)}" title="${esc(s.description)}">${esc(s.name)}</option>`;
  const thaw = list.filter((s) => s.model === 'thaw'), classic = list.filter((s) => s.model !== 'thaw');
  $('scenario').innerHTML = `<optgroup label="The Thaw, 1953–1964">${thaw.map(opt).join('')}</optgroup>${
    classic.length ? `<optgroup label="Classic models (not the Thaw)">${classic.map(opt).join('')}</optgroup>` : ''}`;
  $('play-scenario').innerHTML = thaw.map(opt).join('');
  for (const sel of [$('scenario'), $('play-scenario')]) if (thaw.find((s) => s.name === 'thaw-1953')) sel.value = 'thaw-1953';
  await loadScenario($('scenario').value);
}

async function loadScenario(name) {
  const ticket = (state.loading = (state.loading || 0) + 1);
  const s = await api(`/api/scenarios/${encodeURIComponent(name)}`);
  if (ticket !== state.loading) return;  // another scenario was picked meanwhile
  state.scenario = s;
  state.scenario.model = (state.scenarios || []).find((x) => x.name === name)?.model || 'thaw';
  state.overrides = {};
  $('seed').value = s.seed;
  $('scenario-description').textContent = s.description;
  $('decision-count').textContent = s.decisions.length;
  $('decisions').closest('details').hidden = s.decisions.length === 0;
  document.body.dataset.scenario = s.name;
  drawDecisions(s.decisions);
  $('param-count').textContent = s.params.length;
  drawLevers();
  drawParams();
}

// "(not in the record)" read as "did not happen": it means the project's record has no row for it.
const noteText = (note) => note.replace(/\(not in the record\)/g, '(no entry in the project’s record yet)');

// The decisions by theme, each on a line: when, what it was (its note), and its sources.
function drawDecisions(decisions) {
  const row = (d) => `
    <label class="decision-row"${d.source ? ` title="Sources: ${esc(d.source)}"` : ''}>
      <input type="checkbox" data-decision="${esc(d.id)}" ${d.enabled ? 'checked' : ''}>
      <span class="date">${esc(monthLong(d.date))}</span> ${esc(noteText(d.note || d.id))} <code class="id">${esc(d.id)}</code></label>`;
  const themes = [...THEMES, ['other', 'Other decisions', '', []]];
  $('decisions').innerHTML = themes.map(([key, title, line]) => {
    const mine = decisions.filter((d) => themeOf(d.kind) === key);
    if (!mine.length) return '';
    return `<fieldset class="theme" data-theme="${key}"><legend>${esc(title)} <span class="muted">(${mine.length})</span></legend>${
      line ? `<p class="muted theme-line">${esc(line)}</p>` : ''}${mine.map(row).join('')}</fieldset>`;
  }).join('') || '<p class="muted">No decisions.</p>';
}

// The ten main levers as sliders; their values go into the same overrides as the table's.
function drawLevers() {
  const have = LEVERS.map((l) => ({ ...l, p: state.scenario.params.find((q) => q.path === l.path) })).filter((l) => l.p);
  $('levers-box').hidden = have.length === 0;
  $('levers').innerHTML = have.map((l) => {
    const v = state.overrides[l.path] ?? l.p.value;
    return `<div class="lever"><label for="lever-${esc(l.path)}"><b>${esc(l.label)}</b></label>
      <input type="range" id="lever-${esc(l.path)}" data-lever="${esc(l.path)}" min="${l.min}" max="${l.max}" step="${l.step}" value="${esc(v)}">
      <span><output data-lever-value="${esc(l.path)}" class="${l.path in state.overrides ? 'changed' : ''}">${esc(v)}</output> <span class="unit">${esc(l.unit)}</span>
      <button type="button" class="reset" data-reset="${esc(l.path)}" ${l.path in state.overrides ? '' : 'hidden'}>reset (${esc(l.p.value)})</button></span>
      <div class="muted lever-help">${esc(l.help)} <code>${esc(l.path)}</code></div></div>`;
  }).join('');
}

function setOverride(path, value) {
  const p = state.scenario.params.find((q) => q.path === path);
  if (value === undefined || String(value) === String(p.value) || Number(value) === Number(p.value)) delete state.overrides[path];
  else state.overrides[path] = String(value);
  const input = document.querySelector(`[data-param="${CSS.escape(path)}"]`);
  if (input) {
    input.value = state.overrides[path] ?? p.value;
    input.classList.toggle('changed', path in state.overrides);
  }
}

$('levers').addEventListener('input', (ev) => {
  const path = ev.target.dataset.lever;
  if (!path) return;
  setOverride(path, ev.target.value);
  const out = document.querySelector(`[data-lever-value="${CSS.escape(path)}"]`);
  out.textContent = ev.target.value;
  out.classList.toggle('changed', path in state.overrides);
  document.querySelector(`[data-reset="${CSS.escape(path)}"]`).hidden = !(path in state.overrides);
});
$('levers').addEventListener('click', (ev) => {
  const path = ev.target.dataset.reset;
  if (!path) return;
  setOverride(path, undefined);
  drawLevers();
});

function drawParams() {
  const filter = $('param-filter').value.trim().toLowerCase();
  const rows = state.scenario.params.filter((p) => !filter || p.path.toLowerCase().includes(filter) || p.doc.toLowerCase().includes(filter));
  $('params').innerHTML = `<table><thead><tr><th>Parameter</th><th>Value</th><th>Unit</th><th>Range</th><th>Meaning</th></tr></thead><tbody>${
    rows.slice(0, 150).map((p) => `<tr><td><code>${esc(p.path)}</code></td>
      <td><input data-param="${esc(p.path)}" aria-label="${esc(p.path)}" value="${esc(state.overrides[p.path] ?? p.value)}" class="${p.path in state.overrides ? 'changed' : ''}">
      <div class="field-error" data-error-for="${esc(p.path)}" role="alert" hidden></div></td>
      <td>${esc(p.unit)}</td><td>${esc(p.range)}</td><td>${esc(p.doc)}${p.source ? ` <span class="src">${esc(p.source)}</span>` : ''}</td></tr>`).join('')
  }</tbody></table>${rows.length > 150 ? `<p class="muted">${rows.length - 150} more: narrow the filter.</p>` : ''}`;
}

$('scenario').addEventListener('change', () => loadScenario($('scenario').value).catch((e) => showError($('error'), e.message)));
$('param-filter').addEventListener('input', drawParams);
$('params').addEventListener('change', (ev) => {
  const path = ev.target.dataset.param;
  if (!path) return;
  const p = state.scenario.params.find((q) => q.path === path);
  if (ev.target.value === p.value) delete state.overrides[path];
  else state.overrides[path] = ev.target.value;
  ev.target.classList.toggle('changed', path in state.overrides);
  fieldError(path, path in state.overrides ? checkValue(p, ev.target.value) : '');
  if (LEVERS.some((l) => l.path === path)) drawLevers();
});

// A message at the parameter's own box, in plain words; false if the box is not on the page.
function fieldError(path, message) {
  const box = document.querySelector(`[data-error-for="${CSS.escape(path)}"]`);
  const input = document.querySelector(`[data-param="${CSS.escape(path)}"]`);
  if (!box) return false;
  box.textContent = message || '';
  box.hidden = !message;
  input.classList.toggle('invalid', !!message);
  input.setAttribute('aria-invalid', message ? 'true' : 'false');
  return true;
}

// Shows an error at its field when it names a parameter (opening the list, filtered to it),
// else above the results.
function showRunError(message) {
  const plain = plainError(message, state.scenario.params);
  if (plain.path) {
    $('params').closest('details').open = true;
    if (!document.querySelector(`[data-error-for="${CSS.escape(plain.path)}"]`)) {
      $('param-filter').value = plain.path;
      drawParams();
    }
    if (fieldError(plain.path, plain.text)) {
      document.querySelector(`[data-param="${CSS.escape(plain.path)}"]`).scrollIntoView({ block: 'center' });
      showError($('error'), '');
      return;
    }
  }
  showError($('error'), plain.text);
}

function parseValue(text) {
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text.trim() !== '' && !Number.isNaN(n) ? n : text;
}

// ---- a run ----------------------------------------------------------------------------------
// The request the page's boxes describe (what the server runs, and what a link carries).
function requestFromPage() {
  const set = {};
  for (const [k, v] of Object.entries(state.overrides)) set[k] = parseValue(v);
  if ($('scale').value) set['run.scale'] = Number($('scale').value);
  const decisions = [...document.querySelectorAll('[data-decision]')]
    .map((c) => ({ id: c.dataset.decision, enabled: c.checked }))
    .filter((d) => state.scenario.decisions.find((x) => x.id === d.id).enabled !== d.enabled);
  return {
    scenario: $('scenario').value, seed: Number($('seed').value), replicates: Number($('replicates').value) || 1, set, decisions,
  };
}

async function startRun() {
  showError($('error'), '');
  for (const [path, v] of Object.entries(state.overrides)) {
    const problem = checkValue(state.scenario.params.find((q) => q.path === path), v);
    if (problem) { showRunError(`${path}: ${problem}`); return; }
  }
  $('run').disabled = true;
  try {
    const run = await runRequest(requestFromPage(), $('runname').value.trim());
    state.current = run;
    showRun(run);
  } catch (e) {
    showRunError(e.message);
  } finally {
    $('run').disabled = false;
    $('progress').hidden = true;
  }
}

// Runs one request on the server, with progress; the finished run joins the page's runs (and
// those kept for a reload).
async function runRequest(request, name) {
  const { id } = await api('/api/runs', request);
  $('progress').hidden = false;
  let run;
  for (;;) {
    run = await api(`/api/runs/${id}`);
    $('progress-fill').style.width = `${Math.round(100 * run.progress)}%`;
    $('progress-text').textContent = run.status === 'running' ? `running… ${Math.round(100 * run.progress)}%` : run.status;
    if (run.status === 'done' || run.status === 'failed') break;
    await sleep(300);
  }
  $('progress').hidden = true;
  if (run.status === 'failed') throw new Error(run.error);
  run.model = modelOf(request.scenario);
  run.request = request;
  run.name = name || runLabel(run).short;
  state.runs.push(run);
  saveRuns(state.runs);
  return run;
}

const modelOf = (scenario) => (state.scenarios || []).find((x) => x.name === scenario)?.model || 'thaw';
const linkTo = (run) => location.origin + location.pathname + requestToHash({ ...run.request, name: run.name });

// The page's boxes set as a request says (a shared link, or a kept run run again).
async function applyRequest(request) {
  if (!(state.scenarios || []).some((x) => x.name === request.scenario))
    throw new Error(`this link names the scenario "${request.scenario}", which this server does not have`);
  $('scenario').value = request.scenario;
  await loadScenario(request.scenario);
  $('seed').value = request.seed;
  $('replicates').value = request.replicates;
  const set = { ...request.set };
  $('scale').value = set['run.scale'] ?? '';
  delete set['run.scale'];
  for (const [path, v] of Object.entries(set)) {
    if (!state.scenario.params.some((q) => q.path === path)) throw new Error(`this link sets "${path}", which the scenario "${request.scenario}" does not have`);
    state.overrides[path] = String(v);
  }
  for (const d of request.decisions) {
    const box = document.querySelector(`[data-decision="${CSS.escape(d.id)}"]`);
    if (!box) throw new Error(`this link switches the decision "${d.id}", which the scenario "${request.scenario}" does not have`);
    box.checked = !!d.enabled;
  }
  $('runname').value = request.name || '';
  drawLevers();
  drawParams();
}

$('run').addEventListener('click', startRun);

const THAW_HELP = $('charts-help').textContent;

// Scrolls the timeline to a month's first entry and marks it for a moment.
function showInTimeline(container, month) {
  const item = container.querySelector(`[data-month="${CSS.escape(month)}"]`);
  if (!item) return;
  item.scrollIntoView({ block: 'center', behavior: 'smooth' });
  item.classList.add('flash');
  setTimeout(() => item.classList.remove('flash'), 1600);
}

function showLabel(el, run, tag) {
  const l = runLabel(run);
  el.className = `run-label ${l.altered ? 'altered' : 'asis'}`;
  el.innerHTML = `${tag ? `<b>${tag}:</b> ` : ''}${l.html}`;
}

function showRun(run) {
  $('results').hidden = false;
  showLabel($('run-label'), run);
  $('share').hidden = !run.request;
  if (run.request) {
    $('share-link').value = linkTo(run);
    window.history.replaceState(null, '', requestToHash({ ...run.request, name: run.name }));
  }
  $('ensemble-note').hidden = !(run.replicates > 1);
  if (run.replicates > 1)
    $('ensemble-note').textContent = `An ensemble of ${run.replicates} runs: each line is their median month by month, the shaded band holds 90 % of them (5–95 %). The events on the charts, the timeline and the debrief are those of the first of them: events cannot be averaged.`;
  $('share-report').href = `/api/runs/${run.id}/report`;
  $('share-report').hidden = run.has_report === false;
  drawCharts($('charts'), [run], { onEvent: (month) => showInTimeline($('timeline'), month) });
  // A classic model's run has no events, no record and no report: no frame for them.
  const history = run.has_report !== false && (run.events || []).length > 0;
  $('history-part').hidden = !history;
  $('charts-help').textContent = history ? THAW_HELP : 'Steps of the model on the horizontal axis (hover a chart for values).';
  $('classic-note').hidden = history;
  if (history) {
    const minor = $('show-minor').checked;
    drawTimeline($('timeline'), (minor ? run.timeline_minor : run.timeline) || run.events, run.record, { showMinor: minor });
    $('debrief').src = `/api/runs/${run.id}/report`;
  } else {
    $('debrief').removeAttribute('src');
  }
}
$('show-minor').addEventListener('change', () => state.current && showRun(state.current));

$('share-copy').addEventListener('click', async () => {
  $('share-link').select();
  try {
    await navigator.clipboard.writeText($('share-link').value);
    $('share-copy').textContent = 'copied';
  } catch {
    $('share-copy').textContent = 'selected: press Ctrl+C';
  }
  setTimeout(() => { $('share-copy').textContent = 'copy'; }, 2000);
});

$('share').addEventListener('click', (ev) => {
  const kind = ev.target.dataset.download, run = state.current;
  if (!kind || !run) return;
  const stem = slug(run.name);
  if (kind === 'indicators') download(`${stem}-indicators.csv`, indicatorsCsv(run), 'text/csv');
  if (kind === 'events') download(`${stem}-events.csv`, eventsCsv(run), 'text/csv');
  if (kind === 'run') download(`${stem}-run.json`, runJson({ ...run, request: { ...run.request, name: run.name } }, run.request ? linkTo(run) : undefined), 'application/json');
});

// ---- compare ----------------------------------------------------------------------------------
function drawCompare() {
  const opts = state.runs.map((r, i) => `<option value="${i}">${i + 1}. ${r.name}</option>`).join('');
  for (const [sel, fallback] of [[$('cmp-a'), 0], [$('cmp-b'), state.runs.length - 1]]) {
    const keep = sel.value;
    sel.innerHTML = opts;
    sel.value = keep !== '' && keep < state.runs.length ? keep : String(Math.max(0, fallback));
  }
  if (state.runs.length === 0) {
    $('cmp-charts').innerHTML = '<p class="muted">No runs yet: make two in Explore (e.g. with and without a decision).</p>';
    return;
  }
  const a = state.runs[Number($('cmp-a').value)], b = state.runs[Number($('cmp-b').value)];
  const na = { ...a, name: 'A' }, nb = { ...b, name: 'B' };
  drawCharts($('cmp-charts'), a === b ? [na] : [na, nb], { diff: $('cmp-diff').checked && a !== b });
  showLabel($('cmp-a-label'), a, 'A');
  showLabel($('cmp-b-label'), b, 'B');
  $('cmp-a-title').textContent = `A: ${a.name}`;
  $('cmp-b-title').textContent = `B: ${b.name}`;
  drawTimeline($('cmp-a-timeline'), a.timeline || a.events, [], { single: true });
  drawTimeline($('cmp-b-timeline'), b.timeline || b.events, [], { single: true });
}
$('cmp-a').addEventListener('change', drawCompare);
$('cmp-b').addEventListener('change', drawCompare);
$('cmp-diff').addEventListener('change', drawCompare);

// ---- play -------------------------------------------------------------------------------------
function showPlay(p) {
  state.play = p;
  $('play-results').hidden = false;
  drawCharts($('play-charts'), [p]);
  drawTimeline($('play-timeline'), p.timeline || p.events, p.status === 'done' ? p.record : [], { single: p.status !== 'done' });
  if (p.status === 'choice') {
    const c = p.choice;
    $('play-card').hidden = false;
    $('play-done').hidden = true;
    $('play-month').textContent = monthLong(c.month);
    $('play-title').textContent = c.title;
    $('play-question').textContent = c.question;
    $('play-source').textContent = c.source ? `Sources: ${c.source}` : '';
    $('play-options').innerHTML = c.options.map((o) =>
      `<button class="option" data-option="${o.index}" data-history="${o.history}">${esc(o.label)}</button>`).join('');
    $('play-happened').textContent = c.what_happened ? `What has happened: ${c.what_happened}` : '';
    $('play-happened').hidden = !c.what_happened;
    $('play-debrief-box').hidden = true;
  } else {
    $('play-card').hidden = true;
    $('play-options').innerHTML = '';
    $('play-done').hidden = false;
    $('play-made').querySelector('tbody').innerHTML = p.made.map((m) =>
      `<tr><td>${monthLong(m.month)}</td><td>${m.title}</td><td>${m.option}</td><td class="${m.history ? 'ok' : 'no'}">${m.history ? 'as in history' : 'not as in history'}</td></tr>`).join('');
    $('play-debrief-box').hidden = false;
    $('play-debrief').src = p.report;
  }
}

// The debrief is the run's own report, printed from its frame so that its print layout applies.
$('play-print').addEventListener('click', () => $('play-debrief').contentWindow?.print());

$('play-start').addEventListener('click', async () => {
  showError($('play-error'), '');
  state.cls = null;  // a game alone ends any class game this page was in
  $('play-start').disabled = true;
  try {
    const set = $('scale').value ? { 'run.scale': Number($('scale').value) } : {};
    showPlay(await api('/api/play', { scenario: $('play-scenario').value, seed: Number($('play-seed').value), set }));
  } catch (e) {
    showError($('play-error'), e.message);
  } finally {
    $('play-start').disabled = false;
  }
});

const classOption = initClassroom({ $, state, showPlay, showError });

$('play-options').addEventListener('click', async (ev) => {
  const option = ev.target.dataset.option;
  if (option === undefined) return;
  if (await classOption(Number(option))) return;
  document.querySelectorAll('.option').forEach((b) => { b.disabled = true; });
  $('play-options').insertAdjacentHTML('beforeend', '<span class="muted"> the months pass…</span>');
  try {
    showPlay(await api(`/api/play/${state.play.id}/choose`, { option: Number(option) }));
  } catch (e) {
    showError($('play-error'), e.message);
    document.querySelectorAll('.option').forEach((b) => { b.disabled = false; });
  }
});

// ---- sources ----------------------------------------------------------------------------------
async function drawSources() {
  if (state.bibliography) return;
  state.bibliography = await api('/api/bibliography');
  const item = (w) => `<li>${w.author ? esc(w.author) + ', ' : ''}<cite>${esc(w.title)}</cite>${w.published ? '. ' + esc(w.published) : ''}${
    w.year && w.kind !== 'seed' ? ', ' + esc(w.year) : ''}.${w.note ? ` <span class="muted">${esc(w.note)}</span>` : ''} <span class="src">cited by ${w.cited_by} entr${w.cited_by === 1 ? 'y' : 'ies'} of the record</span></li>`;
  $('bib-works').innerHTML = state.bibliography.filter((w) => w.kind !== 'seed').map(item).join('');
  $('bib-seeds').innerHTML = state.bibliography.filter((w) => w.kind === 'seed').map(item).join('');
}

// ---- start: the runs kept from before a reload, then a shared link's run ---------------------
// Runs the server still has come back as they were; those it no longer has (it was restarted)
// can be run again from their requests, which give the same runs.
async function restoreRuns() {
  const lost = [];
  for (const kept of loadSaved()) {
    try {
      const run = await api(`/api/runs/${encodeURIComponent(kept.id)}`);
      if (run.status !== 'done' || run.scenario !== kept.request.scenario) throw new Error('another run');
      Object.assign(run, { model: modelOf(run.scenario), request: kept.request, name: kept.name });
      state.runs.push(run);
    } catch {
      lost.push(kept);
    }
  }
  if (state.runs.length) {
    state.current = state.runs[state.runs.length - 1];
    showRun(state.current);
  }
  const box = $('restored');
  box.hidden = lost.length === 0;
  if (!lost.length) return;
  box.innerHTML = `${lost.length} earlier run${lost.length > 1 ? 's are' : ' is'} no longer on the server (it was restarted). <button type="button" id="rerun">run ${lost.length > 1 ? 'them' : 'it'} again</button>`;
  $('rerun').addEventListener('click', async () => {
    box.hidden = true;
    try {
      for (const kept of lost) state.current = await runRequest(kept.request, kept.name);
      showRun(state.current);
    } catch (e) {
      showRunError(e.message);
    }
  });
}

async function openLink() {
  const request = hashToRequest(location.hash);
  if (request === null) return;
  if (request instanceof Error) throw request;
  const { name, ...body } = request;
  const same = state.runs.find((r) => JSON.stringify(r.request) === JSON.stringify(body));
  await applyRequest(request);
  if (same) {  // a reload of the page the link opened: the run is kept already
    state.current = same;
    showRun(same);
    return;
  }
  await startRun();
}

loadScenarios()
  .then(restoreRuns)
  .then(openLink)
  .catch((e) => showError($('error'), e.message.startsWith('this link') ? `Cannot open the link: ${e.message}.` : `Cannot reach the server: ${e.message}`));
