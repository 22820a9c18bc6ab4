// The indicator charts, with uPlot. The chart list mirrors the report's (src/app/report.cpp,
// chart_specs) so that the browser and report.html show the same figures.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export const CHART_SPECS = [
  ['Belief in the regime\'s right to rule', 'mean, 0–1', [['society.legitimacy', 'USSR']]],
  ['Dissent: private and voiced', 'share of adults', [['society.dissent_private', 'privately'], ['society.dissent_expressed', 'voiced']]],
  ['People in open protest (peak)', 'people', [['society.active_peak', 'USSR']]],
  ['Who knows what', 'share of adults', [['society.informed.secret_speech', 'Secret Speech'], ['society.informed.camp_truth', 'the camps'],
    ['society.informed.unrest_news', 'unrest'], ['society.informed.western_culture', 'the West']]],
  ['The camps', 'people', [['gulag.prisoners', 'prisoners'], ['gulag.political', 'political']]],
  ['Special settlers', 'people', [['settlers.count', 'settlers']]],
  ['Grain harvest', 'Mt', [['economy.harvest_mt', 'harvest']]],
  ['Food and prices', 'index, 1953 = 1', [['economy.food_index', 'food per head'], ['economy.retail_price_index', 'prices']]],
  ['Industrial growth', '% a year', [['economy.industrial_growth', 'growth']]],
  ['Culture: openness and the censor', '0–1', [['culture.openness', 'openness'], ['culture.censorship', 'censor\'s leniency']]],
  ['The First Secretary\'s support', 'share of the selectorate', [['elite.leader_security', 'support']]],
  ['Satellites: people in protest', 'share of urban adults', [['bloc.poland.active_share', 'Poland'], ['bloc.hungary.active_share', 'Hungary'],
    ['bloc.gdr.active_share', 'GDR'], ['bloc.czechoslovakia.active_share', 'Czechoslovakia']]],
  ['The world', '0–1', [['bloc.world_tension', 'tension'], ['bloc.prestige', 'prestige']]],
  ['Population of the USSR', 'people', [['population.ussr', 'population']]],
  ['Urban share', 'share', [['population.urban_share', 'urban']]],
];

const COLOURS = ['#b22222', '#1f4e79', '#2e7d32', '#8e44ad', '#d35400', '#555'];

// "1956-02" -> seconds since 1970 (uPlot's time axis)
export function monthToTime(label) {
  const [y, m] = label.split('-').map(Number);
  return Date.UTC(y, m - 1, 1) / 1000;
}

function fmtValue(v) {
  if (v == null || !isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e6) return (v / 1e6).toFixed(2) + ' M';
  if (a >= 1e4) return Math.round(v).toLocaleString('en');
  if (a >= 10) return v.toFixed(1);
  return v.toPrecision(3);
}

// Vertical dashed lines at the months of major events.
function markerPlugin(markers) {
  return {
    hooks: {
      draw: (u) => {
        const { ctx, bbox } = u;
        ctx.save();
        ctx.strokeStyle = 'rgba(120,120,120,0.55)';
        ctx.setLineDash([4, 4]);
        ctx.lineWidth = 1;
        for (const m of markers) {
          const x = Math.round(u.valToPos(m.t, 'x', true));
          if (x < bbox.left || x > bbox.left + bbox.width) continue;
          ctx.beginPath();
          ctx.moveTo(x, bbox.top);
          ctx.lineTo(x, bbox.top + bbox.height);
          ctx.stroke();
        }
        ctx.restore();
      },
    },
  };
}

// runs: [{name, indicators:{labels, columns, low?, high?}, events}] — one run, or two to compare.
export function drawCharts(container, runs, { width = 440, height = 220 } = {}) {
  container.innerHTML = '';
  const first = runs[0].indicators;
  const xs = first.labels.map(monthToTime);
  const markers = runs.length === 1
    ? (runs[0].events || []).filter((e) => e.severity === 'major').map((e) => ({ t: monthToTime(e.date), text: e.text }))
    : [];
  let drawn = 0;
  for (const [title, unit, cols] of CHART_SPECS) {
    if (!(cols[0][0] in first.columns)) continue;
    const series = [{ label: 'Month', value: (u, t) => (t == null ? '–' : new Date(t * 1000).toISOString().slice(0, 7)) }];
    const data = [xs];
    const bands = [];
    runs.forEach((run, r) => {
      cols.forEach(([col, legend], c) => {
        const values = run.indicators.columns[col];
        if (!values) return;
        const colour = COLOURS[(runs.length === 1 ? c : r) % COLOURS.length];
        const label = runs.length === 1 ? legend : `${legend} — ${run.name}`;
        const lineIdx = data.length;
        series.push({ label, stroke: colour, width: 1.8, dash: runs.length > 1 && r === 1 ? [6, 3] : undefined,
          value: (u, v) => fmtValue(v) });
        data.push(values.slice(0, xs.length));
        if (run.indicators.low && run.indicators.low[col]) {
          series.push({ label: `${label} 5%`, stroke: colour + '55', width: 0.5, value: (u, v) => fmtValue(v) });
          data.push(run.indicators.low[col].slice(0, xs.length));
          series.push({ label: `${label} 95%`, stroke: colour + '55', width: 0.5, value: (u, v) => fmtValue(v) });
          data.push(run.indicators.high[col].slice(0, xs.length));
          bands.push({ series: [lineIdx + 2, lineIdx + 1], fill: colour + '22' });
        }
      });
    });
    const box = document.createElement('figure');
    box.className = 'chart';
    const cap = document.createElement('figcaption');
    cap.innerHTML = `<strong>${title}</strong> <span class="unit">(${unit})</span>`;
    box.appendChild(cap);
    container.appendChild(box);
    new uPlot({
      width: Math.max(300, (box.clientWidth || width + 12) - 12), height,
      series, bands,
      scales: { x: { time: true } },
      axes: [{}, { values: (u, ticks) => ticks.map(fmtValue), size: 60 }],
      legend: { live: true },
      plugins: [markerPlugin(markers)],
    }, data, box);
    drawn++;
  }
  if (drawn === 0) container.innerHTML = '<p class="muted">This model has no charts defined.</p>';
}
