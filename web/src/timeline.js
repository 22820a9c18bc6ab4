// The run's emergent events beside the historical record, year by year.
function esc(s) {
  return String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function monthName(m) {
  const [y, mo] = String(m).split('-');
  return mo ? `${MONTHS[Number(mo) - 1]} ${y}` : y;
}

// An event, or a line of folded repeats (count > 1, from date to date_end: the server folds them,
// src/io/event_fold.hpp).
function eventItem(e) {
  const decision = e.code.startsWith('decision.');
  const folded = (e.count || 1) > 1;
  const cls = ['event', e.severity, decision ? 'decision' : '', folded ? 'folded' : ''].join(' ');
  const when = folded && e.date_end !== e.date ? `${monthName(e.date)}–${monthName(e.date_end)}` : monthName(e.date);
  return `<li class="${cls}" data-month="${esc(e.date)}"${folded ? ` title="${e.count} events"` : ''}><span class="date">${when}</span> ${
    decision ? '<em>Decision:</em> ' : ''}${esc(e.text)}</li>`;
}

// A record entry with the works it cites (author and year; the full reference on hover and in
// the Sources tab), then web copies as a second link.
function recordItem(r) {
  const works = (r.cites || []).map((c) => `<cite title="${esc(c.full)}">${esc(c.short)}</cite>`).join('; ');
  const web = (r.web || []).slice(0, 2).map((w) => `<a href="${esc(w.url)}" rel="noopener" target="_blank">${esc(w.site)}</a>`).join(', ');
  const src = works || web ? `<span class="src">${works}${works && web ? ' · web: ' : web ? 'web: ' : ''}${web}</span>` : '';
  return `<li class="record ${esc(r.role)}"><span class="date">${monthName(String(r.date).slice(0, 7))}</span> ${esc(r.statement)} ${src}</li>`;
}

// events: the run's; record: the record's entries (may be empty); single: no record column.
export function drawTimeline(container, events, record, { showMinor = false, single = false } = {}) {
  const shown = (events || []).filter((e) => showMinor || e.severity !== 'minor');
  const years = new Set();
  shown.forEach((e) => years.add(e.date.slice(0, 4)));
  const rec = (record || []).filter((r) => /^\d{4}/.test(r.date) && r.role !== 'context');
  if (!single) rec.forEach((r) => years.add(String(r.date).slice(0, 4)));
  const sorted = [...years].filter((y) => y >= '1953' && y <= '1964').sort();
  let html = single ? '' : '<div class="tl-head"><div>This run</div><div>The historical record</div></div>';
  for (const y of sorted) {
    const ev = shown.filter((e) => e.date.startsWith(y)).map(eventItem).join('');
    html += `<div class="year"><h4>${y}</h4><div class="cols"><ul class="run">${ev || '<li class="muted">nothing of note</li>'}</ul>`;
    if (!single) {
      const rc = rec.filter((r) => String(r.date).startsWith(y)).sort((a, b) => String(a.date).localeCompare(String(b.date))).map(recordItem).join('');
      html += `<ul class="hist">${rc}</ul>`;
    }
    html += '</div></div>';
  }
  container.innerHTML = html || '<p class="muted">No events.</p>';
}
