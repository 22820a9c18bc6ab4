// Numbers as the charts show them (kept apart from the charts so that the e2e tests can import it).
// A value for a legend or a table: full enough to read.
export function fmtValue(v) {
  if (v == null || !isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a >= 1e6) return (v / 1e6).toFixed(2) + ' M';
  if (a >= 1e4) return Math.round(v).toLocaleString('en');
  if (a >= 10) return v.toFixed(1);
  return v.toPrecision(3);
}

// A tick label: short enough for the axis (150k, 1.5M), never cut, with as many decimals as the
// step between ticks needs, so that neighbouring ticks never read alike (1.08k, 1.1k).
export function fmtTick(v, step, top = Math.abs(v)) {
  if (v == null || !isFinite(v)) return '';
  if (v === 0) return '0';
  const a = top;  // the axis' largest tick: one suffix for the whole axis
  const [div, suffix] = a >= 1e6 ? [1e6, 'M'] : a >= 1e3 ? [1e3, 'k'] : [1, ''];
  const st = Math.abs(step || 1) / div;
  let d = 0;
  while (d < 6 && Math.abs(st * 10 ** d - Math.round(st * 10 ** d)) > 1e-6) d++;
  return (v / div).toFixed(d) + suffix;
}
