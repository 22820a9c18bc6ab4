import './style.css';
import { api, sleep } from './api.js';
import { drawCharts } from './charts.js';
import { drawTimeline } from './timeline.js';

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
}));

// ---- scenarios, decisions, parameters --------------------------------------------------------
async function loadScenarios() {
  const list = await api('/api/scenarios');
  for (const sel of [$('scenario'), $('play-scenario')]) {
    sel.innerHTML = list.map((s) => `<option value="${s.name}">${s.name}${s.description ? ' — ' + s.description : ''}</option>`).join('');
    const baseline = list.find((s) => s.name === 'thaw-1953');
    if (baseline) sel.value = baseline.name;
  }
  await loadScenario($('scenario').value);
}

async function loadScenario(name) {
  const s = await api(`/api/scenarios/${encodeURIComponent(name)}`);
  state.scenario = s;
  state.overrides = {};
  $('seed').value = s.seed;
  $('scenario-description').textContent = s.description;
  $('decision-count').textContent = s.decisions.length;
  $('decisions').innerHTML = s.decisions.map((d) => `
    <label class="decision-row" title="${d.source ? 'Sources: ' + d.source : ''}">
      <input type="checkbox" data-decision="${d.id}" ${d.enabled ? 'checked' : ''}>
      <span class="date">${d.date}</span> <strong>${d.id}</strong> <span class="kind">${d.kind}</span>
      <span class="muted">${d.note || ''}</span></label>`).join('') || '<p class="muted">No decisions.</p>';
  drawParams();
}

function drawParams() {
  const filter = $('param-filter').value.trim().toLowerCase();
  const rows = state.scenario.params.filter((p) => !filter || p.path.toLowerCase().includes(filter) || p.doc.toLowerCase().includes(filter));
  $('params').innerHTML = `<table><thead><tr><th>Parameter</th><th>Value</th><th>Unit</th><th>Range</th><th>Meaning</th></tr></thead><tbody>${
    rows.slice(0, 150).map((p) => `<tr><td><code>${p.path}</code></td>
      <td><input data-param="${p.path}" value="${state.overrides[p.path] ?? p.value}" class="${p.path in state.overrides ? 'changed' : ''}"></td>
      <td>${p.unit}</td><td>${p.range}</td><td>${p.doc}${p.source ? ` <span class="src">${p.source}</span>` : ''}</td></tr>`).join('')
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
});

function parseValue(text) {
  if (text === 'true' || text === 'false') return text === 'true';
  const n = Number(text);
  return text.trim() !== '' && !Number.isNaN(n) ? n : text;
}

// ---- a run ----------------------------------------------------------------------------------
async function startRun() {
  showError($('error'), '');
  const set = {};
  for (const [k, v] of Object.entries(state.overrides)) set[k] = parseValue(v);
  if ($('scale').value) set['run.scale'] = Number($('scale').value);
  const decisions = [...document.querySelectorAll('[data-decision]')]
    .map((c) => ({ id: c.dataset.decision, enabled: c.checked }))
    .filter((d) => state.scenario.decisions.find((x) => x.id === d.id).enabled !== d.enabled);
  const request = {
    scenario: $('scenario').value, seed: Number($('seed').value), replicates: Number($('replicates').value) || 1, set, decisions,
  };
  $('run').disabled = true;
  try {
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
    if (run.status === 'failed') throw new Error(run.error);
    const off = decisions.filter((d) => !d.enabled).map((d) => d.id);
    run.name = $('runname').value.trim() || `${run.scenario} seed ${run.seed}${off.length ? ' without ' + off.join(', ') : ''}${Object.keys(set).length ? ' (changed: ' + Object.keys(set).join(', ') + ')' : ''}`;
    state.runs.push(run);
    state.current = run;
    showRun(run);
  } catch (e) {
    showError($('error'), e.message);
  } finally {
    $('run').disabled = false;
    $('progress').hidden = true;
  }
}
$('run').addEventListener('click', startRun);

function showRun(run) {
  $('results').hidden = false;
  drawCharts($('charts'), [run]);
  drawTimeline($('timeline'), run.events, run.record, { showMinor: $('show-minor').checked });
  $('debrief').src = `/api/runs/${run.id}/report`;
}
$('show-minor').addEventListener('change', () => state.current && showRun(state.current));

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
  drawCharts($('cmp-charts'), a === b ? [na] : [na, nb]);
  $('cmp-a-title').textContent = `A: ${a.name}`;
  $('cmp-b-title').textContent = `B: ${b.name}`;
  drawTimeline($('cmp-a-timeline'), a.events, [], { single: true });
  drawTimeline($('cmp-b-timeline'), b.events, [], { single: true });
}
$('cmp-a').addEventListener('change', drawCompare);
$('cmp-b').addEventListener('change', drawCompare);

// ---- play -------------------------------------------------------------------------------------
function showPlay(p) {
  state.play = p;
  $('play-results').hidden = false;
  drawCharts($('play-charts'), [p]);
  drawTimeline($('play-timeline'), p.events, p.status === 'done' ? p.record : [], { single: p.status !== 'done' });
  if (p.status === 'choice') {
    const c = p.choice;
    $('play-card').hidden = false;
    $('play-done').hidden = true;
    $('play-month').textContent = c.month;
    $('play-title').textContent = c.title;
    $('play-question').textContent = c.question;
    $('play-source').textContent = c.source ? `Record: ${c.source}` : '';
    $('play-options').innerHTML = c.options.map((o) =>
      `<button class="option" data-option="${o.index}">${o.label}</button>`).join('');
    $('play-debrief-box').hidden = true;
  } else {
    $('play-card').hidden = true;
    $('play-options').innerHTML = '';
    $('play-done').hidden = false;
    $('play-made').querySelector('tbody').innerHTML = p.made.map((m) =>
      `<tr><td>${m.month}</td><td>${m.title}</td><td>${m.option}</td><td class="${m.history ? 'ok' : 'no'}">${m.history ? 'as in history' : 'not as in history'}</td></tr>`).join('');
    $('play-debrief-box').hidden = false;
    $('play-debrief').src = p.report;
  }
}

$('play-start').addEventListener('click', async () => {
  showError($('play-error'), '');
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

$('play-options').addEventListener('click', async (ev) => {
  const option = ev.target.dataset.option;
  if (option === undefined) return;
  document.querySelectorAll('.option').forEach((b) => { b.disabled = true; });
  $('play-options').insertAdjacentHTML('beforeend', '<span class="muted"> the months pass…</span>');
  try {
    showPlay(await api(`/api/play/${state.play.id}/choose`, { option: Number(option) }));
  } catch (e) {
    showError($('play-error'), e.message);
    document.querySelectorAll('.option').forEach((b) => { b.disabled = false; });
  }
});

loadScenarios().catch((e) => showError($('error'), `Cannot reach the server: ${e.message}`));
