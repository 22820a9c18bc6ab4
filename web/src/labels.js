// Words a reader sees beside a run: what the run changed against its scenario (so that an
// altered run cannot be taken for the baseline), months in words, and parameter errors in
// plain language at their field.
export function esc(s) {
  return String(s ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
// "1956-03" -> "March 1956"
export function monthLong(m) {
  const [y, mo] = String(m || '').split('-');
  return mo ? `${MONTHS[Number(mo) - 1]} ${y}` : String(m || '');
}

// What a run changed, from the server's `changes` ({decisions, params, choices, altered}):
// short, a one-line name for lists; html, the label shown above the run.
export function runLabel(run) {
  const c = run.changes || { decisions: [], params: [], choices: [], altered: false };
  const off = c.decisions.filter((d) => !d.enabled), on = c.decisions.filter((d) => d.enabled);
  const bits = [];
  if (off.length) bits.push(`without ${off.map((d) => d.id).join(', ')}`);
  if (on.length) bits.push(`with ${on.map((d) => d.id).join(', ')}`);
  if (c.params.length) bits.push(`changed ${c.params.map((p) => `${p.path}=${p.run}`).join(', ')}`);
  const notHistory = (c.choices || []).filter((p) => !p.history);
  if (notHistory.length) bits.push(`${notHistory.length} choice${notHistory.length > 1 ? 's' : ''} not as in history`);
  const short = `${run.scenario} seed ${run.seed}${bits.length ? ' — ' + bits.join('; ') : ' — as written'}`;
  let html = `Scenario <b>${esc(run.scenario)}</b>, seed ${esc(run.seed)}${run.replicates > 1 ? `, ${run.replicates} runs` : ''}: `;
  if (!c.altered) {
    html += 'the scenario as written, no decision or parameter changed.';
  } else {
    html += '<b>altered</b> — not the scenario as written.<ul>';
    for (const d of off) html += `<li>Left out: <b>${esc(d.id)}</b> (${esc(monthLong(d.date))}) ${esc(d.note)}</li>`;
    for (const d of on) html += `<li>Added: <b>${esc(d.id)}</b> (${esc(monthLong(d.date))}) ${esc(d.note)}</li>`;
    for (const p of c.params) html += `<li>Parameter <code>${esc(p.path)}</code>: ${esc(p.run)} instead of ${esc(p.written)} ${esc(p.unit)}</li>`;
    for (const p of notHistory) html += `<li>${esc(monthLong(p.month))}, ${esc(p.title)}: ${esc(p.option)}</li>`;
    html += '</ul>';
  }
  return { short, html, altered: !!c.altered };
}

// A parameter's range as the server writes it: "[0, 1]", ">= 1", "<= 5", "a | b".
function rangeOf(p) {
  const r = String(p.range || '').trim();
  let m;
  if ((m = r.match(/^\[(.+),\s*(.+)\]$/))) return { min: Number(m[1]), max: Number(m[2]) };
  if ((m = r.match(/^>=\s*(.+)$/))) return { min: Number(m[1]) };
  if ((m = r.match(/^<=\s*(.+)$/))) return { max: Number(m[1]) };
  if (r.includes(' | ')) return { choices: r.split(' | ') };
  return {};
}

const between = ({ min, max }, unit) => {
  const u = unit ? ` ${unit}` : '';
  if (min !== undefined && max !== undefined) return `from ${min} to ${max}${u}`;
  if (min !== undefined) return `at least ${min}${u}`;
  if (max !== undefined) return `at most ${max}${u}`;
  return '';
};

// '' if `text` is a fit value for parameter p, else what is wrong, in plain words.
export function checkValue(p, text) {
  if (!p) return '';
  const t = String(text).trim();
  const r = rangeOf(p);
  if (p.type === 'bool') return t === 'true' || t === 'false' ? '' : 'Please type true or false.';
  if (p.type === 'number' || p.type === 'integer') {
    const n = Number(t);
    const what = p.type === 'integer' ? 'a whole number' : 'a number';
    const span = between(r, p.unit);
    if (t === '' || Number.isNaN(n)) return `Please type ${what}${span ? ' ' + span : ''}; “${t}” is not a number.`;
    if (p.type === 'integer' && !Number.isInteger(n)) return `Please type a whole number${span ? ' ' + span : ''}.`;
    if ((r.min !== undefined && n < r.min) || (r.max !== undefined && n > r.max)) return `${t} is out of range: please type ${what} ${span}.`;
    return '';
  }
  if (r.choices && !r.choices.includes(t)) return `Please choose one of: ${r.choices.join(', ')}.`;
  if (p.type === 'month' && !/^\d{4}-\d{2}$/.test(t)) return 'Please type a month as year-month, e.g. 1956-02.';
  return '';
}

// A server error as a reader should see it: the parameter it names (if any) and plain words
// instead of the command line's (no file positions, no ">=").
export function plainError(message, params = []) {
  const msg = String(message || '');
  const named = params.map((p) => p.path).filter((path) => msg.includes(path)).sort((a, b) => b.length - a.length)[0];
  let text = msg
    .replace(/^--set [^:\s]+:\s*/gm, '')  // "--set society.x: ", the command line's words
    .replace(/^[^\s:]*(?:<[^>]*>|\.toml)(?::\d+)*:\s*/gm, '')  // "<command line>:3: " or "x.toml:12: "
    .replace(/>=\s*/g, 'at least ').replace(/<=\s*/g, 'at most ')
    .replace(/\bgot a string\b/g, 'got text').replace(/\bexpected\b/g, 'it must be').replace(/,?\s*\bgot\b/g, '; you gave').replace(/\bunknown key\b/g, 'there is no such parameter').replace(/\bset:\s*/g, '');
  if (named) {
    const p = params.find((q) => q.path === named);
    const span = between(rangeOf(p), p.unit);
    text = text.replace(new RegExp(`^\\s*${named.replace(/[.[\]]/g, '\\$&')}\\s*:\\s*`), '');
    text = `${text.charAt(0).toUpperCase()}${text.slice(1)}${span && !text.includes(String(rangeOf(p).min ?? rangeOf(p).max)) ? ` (allowed: ${span})` : ''}`;
  }
  return { path: named, text };
}
