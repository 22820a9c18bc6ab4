// The indicator charts, with uPlot. The chart list mirrors the report's (src/app/report.cpp,
// chart_specs) so that the browser and report.html show the same figures.
//
// Each series of a chart has its own colour; in Compare run A is drawn solid and run B dashed in
// the same colour, or, in the difference view, B − A alone. The record's figures are black bars,
// as in the report; dashed grey lines mark events, named on hover.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmtValue, fmtTick } from './format.js';
import { download, csvLine, slug } from './share.js';

export { fmtValue, fmtTick };

export const CHART_SPECS = [
  ['Belief in the regime\'s right to rule', 'mean, 0–1', [['society.legitimacy', 'USSR']]],
  ['Dissent: private and voiced', 'share of adults', [['society.dissent_private', 'privately'], ['society.dissent_expressed', 'voiced']]],
  ['People in open protest (peak)', 'people', [['society.active_peak', 'USSR']]],
  ['Who knows what', 'share of adults', [['society.informed.secret_speech', 'Secret Speech'], ['society.informed.camp_truth', 'the camps'],
    ['society.informed.unrest_news', 'unrest'], ['society.informed.western_culture', 'the West']]],
  ['The camps', 'people', [['repression.prisoners', 'prisoners'], ['repression.political_prisoners', 'political']]],
  ['Released from the camps and settlements', 'people, since March 1953', [['repression.released_total', 'released']]],
  ['Special settlers', 'people', [['repression.special_settlers', 'settlers']]],
  ['Grain harvest', 'Mt', [['economy.harvest_mt', 'harvest']]],
  ['Food and prices', 'index, 1953 = 1', [['economy.food_index', 'food per head'], ['economy.retail_price_index', 'prices']]],
  ['Industrial growth', '% a year', [['economy.industrial_growth', 'growth']]],
  ['Culture: openness and the censor', '0–1', [['culture.openness', 'openness'], ['culture.censorship', 'censor\'s leniency']]],
  ['The First Secretary\'s support', 'share of the selectorate', [['elite.leader_security', 'support']]],
  ['Satellites: people in protest', 'share of urban adults', [['bloc.poland.active_share', 'Poland'], ['bloc.hungary.active_share', 'Hungary'],
    ['bloc.gdr.active_share', 'GDR'], ['bloc.czechoslovakia.active_share', 'Czechoslovakia']]],
  ['The world', '0–1', [['world.tension', 'tension'], ['world.prestige', 'prestige']]],
  ['Population of the USSR', 'people', [['population.ussr', 'population']]],
  ['Urban share', 'share', [['population.urban_share', 'urban']]],
];

// Distinct for the common forms of colour blindness (Okabe & Ito 2008), then two greys.
export const COLOURS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#e69f00', '#56b4e9', '#555555', '#999999'];
const DASH_B = [7, 4];

// "1956-02" -> seconds since 1970 (uPlot's time axis)
export function monthToTime(label) {
  const [y, m] = label.split('-').map(Number);
  return Date.UTC(y, m - 1, 1) / 1000;
}

// Vertical lines: events (grey dashed, named on hover) and the record's figures (black bars).
function overlayPlugin(events, marks, onEvent) {
  let tip;
  return {
    hooks: {
      init: (u) => {
        tip = document.createElement('div');
        tip.className = 'event-tip';
        tip.hidden = true;
        u.over.appendChild(tip);
        // A click on an event's line shows that month in the timeline.
        u.over.addEventListener('click', () => {
          const { left } = u.cursor;
          const near = events.find((e) => Math.abs(u.valToPos(e.t, 'x') - left) <= 4);
          if (near && onEvent) onEvent(near.month);
        });
      },
      setCursor: (u) => {
        const { left } = u.cursor;
        if (left == null || left < 0) { tip.hidden = true; return; }
        const near = events.filter((e) => Math.abs(u.valToPos(e.t, 'x') - left) <= 4);
        const recs = marks.filter((m) => Math.abs(u.valToPos(m.t, 'x') - left) <= 4);
        const lines = [...near.map((e) => `${e.month}: ${e.text}`), ...recs.map((m) => `Record, ${m.month}: ${m.label} (${fmtValue(m.low)}–${fmtValue(m.high)})`)];
        if (!lines.length) { tip.hidden = true; return; }
        tip.textContent = lines.join('\n');
        tip.hidden = false;
        tip.style.left = `${Math.min(left + 8, u.over.clientWidth - 220)}px`;
      },
      draw: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.strokeStyle = 'rgba(110,110,110,0.6)';
        ctx.setLineDash([4, 4]);
        ctx.lineWidth = 1;
        for (const m of events) {
          const x = Math.round(u.valToPos(m.t, 'x', true));
          if (x < bbox.left || x > bbox.left + bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
        }
        ctx.setLineDash([]);
        ctx.strokeStyle = '#000';
        ctx.fillStyle = '#fff';
        for (const m of marks) {
          const x = u.valToPos(m.t, 'x', true);
          if (x < bbox.left || x > bbox.left + bbox.width) continue;
          const y1 = u.valToPos(m.low, 'y', true), y2 = u.valToPos(m.high, 'y', true);
          ctx.lineWidth = 2.5;
          ctx.beginPath();
          ctx.moveTo(x, y1);
          ctx.lineTo(x, Math.abs(y2 - y1) < 2 ? y1 - 2 : y2);
          ctx.stroke();
          ctx.lineWidth = 1.5;
          ctx.beginPath();
          ctx.arc(x, (y1 + y2) / 2, 3.5, 0, 2 * Math.PI);
          ctx.fill();
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

// The charts one model defines: the Thaw's list, or, for another model (the Epstein scenarios),
// one chart per indicator it reports.
function specsFor(columns) {
  const thaw = CHART_SPECS.filter(([, , cols]) => cols[0][0] in columns);
  if (thaw.length) return thaw;
  return Object.keys(columns).map((c) => [c.replace(/[._]/g, ' '), c === 'legitimacy' ? '0–1' : 'agents', [[c, c]]]);
}

// runs: [{name, indicators:{labels, columns, low?, high?}, events, marks?}] — one run, or two to
// compare. diff: with two runs, draw B − A instead of both. Returns the number of charts drawn.
export function drawCharts(container, runs, { height = 220, diff = false, onEvent } = {}) {
  container.innerHTML = '';
  const first = runs[0].indicators;
  // A model without a calendar (Epstein's) labels its rows by step: the axis counts steps.
  const labels = first.labels || [];
  const dated = labels.length > 0 && labels.every((l) => /^\d{4}-\d{2}$/.test(l));
  const rows = Math.max(labels.length, ...Object.values(first.columns).map((v) => v.length));
  const xs = dated ? labels.map(monthToTime) : Array.from({ length: rows }, (_, i) => i);
  const xLabels = dated ? labels : xs.map(String);
  const two = runs.length === 2;
  const majors = (run, tag) => (run.events || []).filter((e) => e.severity === 'major')
    .map((e) => ({ t: monthToTime(e.date), month: e.date, text: tag ? `${tag}: ${e.text}` : e.text }));
  const events = two ? [...majors(runs[0], 'A'), ...majors(runs[1], 'B')] : majors(runs[0]);
  const allMarks = (runs[0].marks || []).map((m) => ({ ...m, t: monthToTime(m.month) }));
  let drawn = 0;
  for (const [title, unit, cols] of specsFor(first.columns)) {
    const series = [dated ? { label: 'Month', value: (u, t) => (t == null ? '–' : new Date(t * 1000).toISOString().slice(0, 7)) }
      : { label: 'Step', value: (u, t) => (t == null ? '–' : String(t)) }];
    const data = [xs];
    const bands = [];
    const table = [];  // [label, values] for the screen-reader table
    cols.forEach(([col, legend], c) => {
      const colour = COLOURS[c % COLOURS.length];
      if (two && diff) {
        const a = runs[0].indicators.columns[col], b = runs[1].indicators.columns[col];
        if (!a || !b) return;
        const d = xs.map((_, i) => (a[i] == null || b[i] == null ? null : b[i] - a[i]));
        series.push({ label: `${legend}: B − A`, stroke: colour, width: 2, value: (u, v) => fmtValue(v) });
        data.push(d);
        table.push([`${legend}: B − A`, d]);
        return;
      }
      runs.forEach((run, r) => {
        // An ensemble's line is its median, with the 5–95 % band around it (the first run's own line
        // would be one draw passed off as the ensemble).
        const ensemble = run.indicators.median && run.indicators.median[col];
        const values = ensemble || run.indicators.columns[col];
        if (!values) return;
        const tag = two ? ` (${r === 0 ? 'A' : 'B'})` : '';
        const label = `${legend}${ensemble ? ', median' : ''}${tag}`;
        const lineIdx = data.length;
        series.push({ label, stroke: colour, width: r === 0 ? 2 : 1.8, dash: r === 1 ? DASH_B : undefined, value: (u, v) => fmtValue(v) });
        data.push(values.slice(0, xs.length));
        table.push([label, values]);
        if (run.indicators.low && run.indicators.low[col]) {
          series.push({ label: `${legend} 5%${tag}`, stroke: colour + '55', width: 0.5, dash: r === 1 ? DASH_B : undefined, value: (u, v) => fmtValue(v) });
          data.push(run.indicators.low[col].slice(0, xs.length));
          series.push({ label: `${legend} 95%${tag}`, stroke: colour + '55', width: 0.5, dash: r === 1 ? DASH_B : undefined, value: (u, v) => fmtValue(v) });
          data.push(run.indicators.high[col].slice(0, xs.length));
          bands.push({ series: [lineIdx + 2, lineIdx + 1], fill: colour + '22' });
        }
      });
    });
    if (data.length === 1) continue;
    const marks = diff && two ? [] : allMarks.filter((m) => cols.some(([col]) => col === m.indicator));
    const box = document.createElement('figure');
    box.className = 'chart';
    box.dataset.chart = cols[0][0];
    const cap = document.createElement('figcaption');
    cap.innerHTML = `<strong>${title}${two && diff ? ': B − A' : ''}</strong> <span class="unit">(${unit})</span>${marks.length ? ' <span class="unit">· black bars: the record</span>' : ''}`;
    box.appendChild(cap);
    container.appendChild(box);
    const plot = new uPlot({
      width: Math.max(300, (box.clientWidth || 452) - 12), height,
      series, bands,
      scales: { x: { time: dated } },
      axes: [{}, { values: (u, ticks) => ticks.map((v) => fmtTick(v, ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1, Math.max(...ticks.map(Math.abs)))), size: 58 }],
      // The legend's marker shows a dashed series dashed (uPlot draws every marker solid).
      legend: { live: true, markers: { dash: (u, i) => (u.series[i].dash ? 'dashed' : 'solid') } },
      plugins: [overlayPlugin(events, marks, onEvent)],
    }, data, box);
    const fullTitle = `${title}${two && diff ? ': B − A' : ''}`;
    box.appendChild(exportButtons(plot, fullTitle, unit, xLabels, table, dated ? 'date' : 'step'));
    box.appendChild(dataTable(title, xLabels, table, dated ? 'Month' : 'Step'));
    drawn++;
  }
  if (drawn === 0) container.innerHTML = xs.length ? '<p class="muted">This run reported no indicators.</p>' : '<p class="muted">The charts fill in as the months pass.</p>';
  return drawn;
}

// A chart as a picture (PNG: its title, the plot as drawn, and a key of its series) and its numbers
// as CSV, for a worksheet or a slide.
function exportButtons(plot, title, unit, labels, table, xName) {
  const bar = document.createElement('div');
  bar.className = 'chart-export';
  bar.innerHTML = '<button type="button" data-export="png">PNG</button> <button type="button" data-export="csv">CSV</button>';
  bar.querySelector('[data-export="png"]').setAttribute('aria-label', `${title}: download as a PNG picture`);
  bar.querySelector('[data-export="csv"]').setAttribute('aria-label', `${title}: download the numbers as CSV`);
  bar.addEventListener('click', (ev) => {
    const kind = ev.target.dataset.export;
    if (kind === 'csv') {
      const rows = [csvLine([xName, ...table.map(([l]) => l)]), ...labels.map((l, i) => csvLine([l, ...table.map(([, v]) => v[i])]))];
      download(`${slug(title)}.csv`, rows.join('\n') + '\n', 'text/csv');
    } else if (kind === 'png') {
      chartPng(plot, title, unit).toBlob((blob) => download(`${slug(title)}.png`, blob, 'image/png'), 'image/png');
    }
  });
  return bar;
}

function chartPng(plot, title, unit) {
  const src = plot.ctx.canvas;
  const ratio = src.width / Math.max(1, plot.width);
  const keyed = plot.series.slice(1).filter((s) => !/ (5|95)%( \([AB]\))?$/.test(s.label));
  const pad = 10 * ratio, line = 18 * ratio, head = 2 * line;
  const out = document.createElement('canvas');
  out.width = src.width + 2 * pad;
  out.height = head + src.height + line * Math.ceil(keyed.length / 2) + 2 * pad;
  const ctx = out.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, out.width, out.height);
  ctx.fillStyle = '#000';
  ctx.font = `bold ${13 * ratio}px sans-serif`;
  ctx.fillText(title, pad, pad + line * 0.8);
  ctx.font = `${11 * ratio}px sans-serif`;
  ctx.fillStyle = '#555';
  ctx.fillText(unit, pad, pad + line * 1.7);
  ctx.drawImage(src, pad, pad + head);
  keyed.forEach((s, i) => {
    const x = pad + (i % 2) * (out.width / 2), y = pad + head + src.height + line * (Math.floor(i / 2) + 0.8);
    ctx.strokeStyle = typeof s.stroke === 'function' ? s.stroke(plot, i + 1) : s.stroke;
    ctx.lineWidth = 2 * ratio;
    ctx.setLineDash(s.dash ? s.dash.map((d) => d * ratio) : []);
    ctx.beginPath();
    ctx.moveTo(x, y - 4 * ratio);
    ctx.lineTo(x + 24 * ratio, y - 4 * ratio);
    ctx.stroke();
    ctx.fillStyle = '#000';
    ctx.fillText(s.label, x + 30 * ratio, y);
  });
  return out;
}

// The chart's numbers for a screen reader (and for anyone: "show the numbers").
function dataTable(title, labels, table, xName) {
  const d = document.createElement('details');
  d.className = 'chart-data';
  d.innerHTML = '<summary>the numbers</summary>';
  // Filled when opened: fifteen charts of 140 months each are many rows to build up front.
  d.addEventListener('toggle', () => {
    if (!d.open || d.querySelector('table')) return;
    const rows = labels.map((l, i) => `<tr><th scope="row">${l}</th>${table.map(([, v]) => `<td>${fmtValue(v[i])}</td>`).join('')}</tr>`).join('');
    d.insertAdjacentHTML('beforeend', `<table><caption>${title}</caption><thead><tr><th scope="col">${xName}</th>${
      table.map(([l]) => `<th scope="col">${l}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`);
  });
  return d;
}
