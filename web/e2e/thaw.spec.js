// Loads the page from `thaw serve`, runs the baseline, checks charts and timeline, plays one
// decision, and checks that a bad request gets a 400 while the server stays up.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fmtTick } from '../src/format.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const bin = process.env.THAW_BIN || path.join(root, 'build', 'release', 'thaw');
const shots = process.env.THAW_SCREENSHOTS || path.join(root, 'build', 'e2e-screenshots');

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

let server;
let base;

test.beforeAll(async () => {
  fs.mkdirSync(shots, { recursive: true });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ['serve', '--port', String(port), '--static', path.join(root, 'web', 'dist'), '--set', 'run.scale=50000'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('thaw serve did not start')), 20_000);
    server.stdout.on('data', (d) => { if (String(d).includes('thaw serve:')) { clearTimeout(timer); resolve(); } });
    server.on('exit', (code) => reject(new Error(`thaw serve exited with ${code}`)));
  });
});

test.afterAll(() => { if (server) server.kill('SIGTERM'); });

// Every page load: no console error and no failed request (a missing favicon was a 404 on each).
test.beforeEach(async ({ page }) => {
  page.errors = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.url().includes('/api/')) page.errors.push(`${r.status()} ${r.url()}`); });
});
test.afterEach(async ({ page }) => { expect(page.errors).toEqual([]); });

async function ready(page, scenario = 'thaw-1953') {
  await page.goto(base + '/');
  await page.waitForFunction((s) => document.body.dataset.scenario === s, scenario);
}

test('explore: run the baseline, see charts, timeline and debrief', async ({ page }) => {
  await ready(page);
  await expect(page.locator('h1')).toContainText('The Thaw');
  await expect(page.locator('#scenario option[value="thaw-1953"]')).toHaveCount(1);
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('#charts .chart canvas').first()).toBeVisible();
  expect(await page.locator('#charts .chart').count()).toBeGreaterThan(3);
  await expect(page.locator('#timeline .event').first()).toBeVisible();
  await expect(page.locator('#timeline .record').first()).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'explore.png'), fullPage: false });
  const report = await page.request.get(await page.locator('#debrief').getAttribute('src').then((s) => base + s));
  expect(report.status()).toBe(200);
  expect(await report.text()).toContain('<svg');
});

test('compare: two runs side by side', async ({ page }) => {
  await ready(page);
  await expect(page.locator('#scenario option[value="thaw-1953"]')).toHaveCount(1);
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  await page.locator('summary', { hasText: 'Decisions' }).click();
  await page.locator('[data-decision]').first().uncheck();
  await page.fill('#runname', 'without the first decision');
  await page.click('#run');
  await expect(page.locator('#run')).toBeEnabled({ timeout: 90_000 });
  await page.click('.tab[data-tab="compare"]');
  await expect(page.locator('#cmp-charts .chart canvas').first()).toBeVisible();
  await expect(page.locator('#cmp-b-title')).toContainText('without the first decision');
  await page.screenshot({ path: path.join(shots, 'compare.png') });
});

test('play: a decision point, a choice, the months pass', async ({ page }) => {
  await page.goto(base + '/');
  await page.click('.tab[data-tab="play"]');
  await expect(page.locator('#play-scenario option[value="thaw-1953"]')).toHaveCount(1);
  await page.click('#play-start');
  await expect(page.locator('#play-card')).toBeVisible({ timeout: 60_000 });
  const first = await page.locator('#play-title').textContent();
  expect(first.length).toBeGreaterThan(3);
  await page.screenshot({ path: path.join(shots, 'play-choice.png') });
  await page.locator('.option').last().click();  // not history's option
  // Either the next decision point or, with no more of them, the end and its debrief.
  await expect(page.locator('#play-card:visible, #play-done:visible')).toHaveCount(1, { timeout: 60_000 });
  await expect(page.locator('#play-charts .chart canvas').first()).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'play-after.png') });
});

test('bad requests get clear errors and the server stays up', async ({ request }) => {
  const bad = await request.post(base + '/api/runs', { data: Buffer.from('{not json'), headers: { 'Content-Type': 'application/json' } });
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error).toContain('malformed JSON');
  const range = await request.post(base + '/api/runs', { data: { scenario: 'thaw-1953', set: { 'run.scale': -1 } } });
  expect(range.status()).toBe(400);
  const big = await request.post(base + '/api/runs', { data: Buffer.from('x'.repeat(200_000)), headers: { 'Content-Type': 'application/json' } });
  expect(big.status()).toBe(413);
  const ok = await request.get(base + '/api/scenarios');
  expect(ok.status()).toBe(200);
});

// ---- issue 17: what was wrong or broken -----------------------------------------------------

test('an altered run is labelled as such, on the page and in its report', async ({ page }) => {
  await ready(page);
  await page.locator('summary', { hasText: 'Decisions' }).click();
  await page.locator('[data-decision="secret-speech"]').uncheck();
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('#run-label')).toContainText('altered');
  await expect(page.locator('#run-label')).toContainText('secret-speech');
  const report = await (await page.request.get(base + await page.locator('#debrief').getAttribute('src'))).text();
  expect(report).toContain('Not the scenario as written');
  expect(report).toContain('an altered run');
  await page.screenshot({ path: path.join(shots, 'explore-altered.png') });
});

test('compare: each series its own colour, A solid and B dashed, a B − A view, the record', async ({ page }) => {
  await ready(page);
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  await page.locator('summary', { hasText: 'Decisions' }).click();
  await page.locator('[data-decision="secret-speech"]').uncheck();
  await page.click('#run');
  await expect(page.locator('#run-label')).toContainText('secret-speech', { timeout: 90_000 });
  await page.click('.tab[data-tab="compare"]');
  const dissent = page.locator('#cmp-charts .chart[data-chart="society.dissent_private"]');
  await expect(dissent).toBeVisible();
  // Legend markers: uPlot draws each series' colour and dash into its marker.
  const markers = await dissent.locator('.u-series:not(:first-child) .u-marker').evaluateAll((els) =>
    els.map((e) => ({ colour: getComputedStyle(e).borderColor, style: getComputedStyle(e).borderStyle,
      label: e.parentElement.textContent })));
  expect(markers.map((m) => m.label.split(':')[0])).toEqual(['privately (A)', 'privately (B)', 'voiced (A)', 'voiced (B)']);
  expect(markers[0].colour).toBe(markers[1].colour);
  expect(markers[0].colour).not.toBe(markers[2].colour);
  expect(markers[0].style).toBe('solid');
  expect(markers[1].style).toBe('dashed');
  await expect(page.locator('#cmp-a-label')).toContainText('as written');
  await expect(page.locator('#cmp-b-label')).toContainText('Left out: secret-speech');
  await expect(page.locator('#cmp-charts figcaption', { hasText: 'black bars: the record' }).first()).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'compare-styles.png') });
  await page.check('#cmp-diff');
  await expect(page.locator('#cmp-charts figcaption').first()).toContainText('B − A');
  await expect(dissent.locator('.u-series:not(:first-child)')).toHaveCount(2);
  await page.screenshot({ path: path.join(shots, 'compare-difference.png') });
});

test('the Epstein scenarios: apart from the Thaw, with their own charts and no broken debrief', async ({ page }) => {
  await ready(page);
  await expect(page.locator('#scenario optgroup[label^="The Thaw"] option[value^="epstein"]')).toHaveCount(0);
  await expect(page.locator('#scenario optgroup[label^="Classic"] option[value="epstein-mesa"]')).toHaveCount(1);
  await expect(page.locator('#play-scenario option[value^="epstein"]')).toHaveCount(0);
  await page.selectOption('#scenario', 'epstein-mesa');
  await page.waitForFunction(() => document.body.dataset.scenario === 'epstein-mesa');
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('#charts .chart canvas').first()).toBeVisible();
  await expect(page.locator('#charts')).not.toContainText('no charts');
  await expect(page.locator('#history-part')).toBeHidden();
  await expect(page.locator('#classic-note')).toBeVisible();
  expect(await page.locator('#debrief').getAttribute('src')).toBeNull();
  await page.screenshot({ path: path.join(shots, 'epstein.png') });
});

test('axis labels are never cut: one suffix per axis, enough decimals', async () => {
  expect([150000, 200000].map((v) => fmtTick(v, 50000, 200000))).toEqual(['150k', '200k']);
  expect([1040, 1060, 1080].map((v) => fmtTick(v, 20, 1080))).toEqual(['1.04k', '1.06k', '1.08k']);
  expect([0, 500, 1000].map((v) => fmtTick(v, 500, 1000))).toEqual(['0', '0.5k', '1.0k']);
  expect([0, 0.25, 0.5].map((v) => fmtTick(v, 0.25, 0.5))).toEqual(['0', '0.25', '0.50']);
  expect(fmtTick(190e6, 10e6, 220e6)).toBe('190M');
});

test('the page fits an 800 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 700 });
  await ready(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
  await page.click('.tab[data-tab="play"]');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
  await page.screenshot({ path: path.join(shots, 'narrow-800.png') });
});

test('a bad parameter is shown at its field, in plain words', async ({ page }) => {
  await ready(page);
  await page.locator('summary', { hasText: 'Advanced: every parameter' }).click();
  await page.fill('#param-filter', 'society.legitimacy_spread');
  const input = page.locator('[data-param="society.legitimacy_spread"]');
  await input.fill('7');
  await input.dispatchEvent('change');
  await page.click('#run');
  const message = page.locator('[data-error-for="society.legitimacy_spread"]');
  await expect(message).toBeVisible();
  await expect(message).toContainText('from 0 to 0.5');
  await expect(message).not.toContainText('--set');
  await expect(page.locator('#error')).toBeHidden();
  // A fit value clears the message.
  await input.fill('0.1');
  await input.dispatchEvent('change');
  await expect(message).toBeHidden();
  await page.screenshot({ path: path.join(shots, 'bad-parameter.png') });
});

test('play: the card is dated as its option says, and the debrief lists the choices', async ({ page }) => {
  await ready(page);
  await page.click('.tab[data-tab="play"]');
  await page.click('#play-start');
  await expect(page.locator('#play-card')).toBeVisible({ timeout: 60_000 });
  let first = true;
  let emergent = '';
  for (let i = 0; i < 30 && await page.locator('#play-card').isVisible(); i++) {
    const month = (await page.locator('#play-month').textContent()).trim();
    expect(month).toMatch(/^[A-Z][a-z]+ \d{4}$/);
    for (const label of await page.locator('.option').allTextContents()) {
      const m = label.match(/\(as in ([^;)]+)/);
      if (!m) continue;
      const named = m[1].trim();
      if (/^\d{4}$/.test(named)) expect(month.endsWith(named)).toBe(true);
      else expect(named).toBe(month);
    }
    // The first choice against history, the rest as in history.
    // The emergent card (a rising in the bloc) says no "(as in ...)": history's option is marked.
    if (await page.locator('#play-happened').isVisible()) {
      emergent = (await page.locator('#play-happened').textContent()).trim();
      await page.locator('#play-card').screenshot({ path: path.join(shots, 'play-emergent.png') });
    }
    const pick = page.locator(`.option[data-history="${first ? 'false' : 'true'}"]`).first();
    first = false;
    const before = await page.locator('#play-title').textContent();
    await pick.click();
    await page.waitForFunction((b) => !document.getElementById('play-done').hidden || document.getElementById('play-title').textContent !== b,
      before, { timeout: 60_000 });
  }
  await expect(page.locator('#play-done')).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('#play-made .no')).toHaveCount(1);
  // This game (seed 1) has a rising in the bloc after 1953: the emergent card said what happened.
  expect(emergent).toMatch(/^What has happened: [A-Z][a-z]+ \d{4}: uprising in /);
  const report = await (await page.request.get(base + await page.locator('#play-debrief').getAttribute('src'))).text();
  expect(report).toContain("a game with the player's choices");
  expect(report).toContain('The choices made in play');
  expect(report).toContain('not as in history');
  // Printable for a class: the questions each decision point raises, and a glossary.
  await expect(page.locator('#play-print')).toBeVisible();
  const print = await page.context().newPage();
  await print.emulateMedia({ media: 'print' });
  await print.goto(base + await page.locator('#play-debrief').getAttribute('src'));
  await expect(print.locator('#discuss')).toBeVisible();
  await expect(print.locator('#glossary')).toBeVisible();
  await expect(print.locator('.glossary dt', { hasText: 'sovnarkhoz' })).toBeVisible();
  await print.locator('#discuss').scrollIntoViewIfNeeded();
  await print.screenshot({ path: path.join(shots, 'play-debrief-print.png') });
  await print.close();
});

// ---- issue 17: sources a teacher can cite, and the main levers first ---------------------------

test('sources: a bibliography page, and the record cited by works, never by internal ids', async ({ page }) => {
  await ready(page);
  await page.click('.tab[data-tab="sources"]');
  await expect(page.locator('#bib-works li').first()).toBeVisible();
  expect(await page.locator('#bib-works li').count()).toBeGreaterThanOrEqual(15);
  await expect(page.locator('#bib-works')).toContainText('William Taubman, Khrushchev: The Man and His Era');
  await expect(page.locator('#bib-seeds')).toContainText('Relaxation of Soviet Repressions');
  await page.screenshot({ path: path.join(shots, 'sources.png') });
  await page.click('.tab[data-tab="explore"]');
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('#timeline .record cite').first()).toBeVisible();
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/seed:0|Seed 00|[0-9a-f]{16}\.txt/);
  for (const host of ['you-books.com', 'fanyv88.com', 'liquisearch', 'kiwix']) expect(await page.content()).not.toContain(host);
  const report = await (await page.request.get(base + await page.locator('#debrief').getAttribute('src'))).text();
  expect(report).not.toMatch(/seed:0|Seed 00/);
  expect(report).toContain('Works cited');
});

test('main levers: decisions by theme with a line each, ten sliders with units, the rest advanced', async ({ page }) => {
  await ready(page);
  await page.locator('summary', { hasText: 'Decisions' }).click();
  expect(await page.locator('#decisions fieldset.theme').count()).toBeGreaterThanOrEqual(5);
  await expect(page.locator('#decisions fieldset[data-theme="other"]')).toHaveCount(0);
  await expect(page.locator('#decisions fieldset[data-theme="truth"]')).toContainText('the Secret Speech is read out');
  await page.locator('summary', { hasText: 'main levers' }).click();
  await expect(page.locator('#levers input[type=range]')).toHaveCount(10);
  for (const unit of await page.locator('#levers .unit').allTextContents()) expect(unit.trim().length).toBeGreaterThan(0);
  await expect(page.locator('summary', { hasText: 'Advanced: every parameter' })).toBeVisible();
  const slider = page.locator('[data-lever="society.active_threshold"]');
  await slider.fill('0.6');
  await expect(page.locator('[data-lever-value="society.active_threshold"]')).toHaveText('0.6');
  await page.locator('#levers-box').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(shots, 'levers.png') });
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('#run-label')).toContainText('society.active_threshold');
  await page.click('[data-reset="society.active_threshold"]');
  await expect(page.locator('[data-lever-value="society.active_threshold"]')).toHaveText('0.4');
});

// ---- issue 17: repeats folded, events named on the charts ----------------------------------------

test('the timeline folds repeats into one line, and a chart names its events on hover', async ({ page }) => {
  await ready(page);
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  const folded = page.locator('#timeline .event.folded');
  expect(await folded.count()).toBeGreaterThan(0);
  await expect(folded.filter({ hasText: /in \d+ (camps|towns|satellites)/ }).first()).toBeVisible();
  await expect(folded.first().locator('.date')).toContainText('–');
  // No line repeats within a year of the timeline, and no text comes more than twice in a year
  // (the defect was one sentence 184 times). Two outbreaks of one size in one place in a year are
  // two episodes, told at their months: at a coarse scale their rounded figures can read alike.
  const repeats = await page.locator('#timeline .year').evaluateAll((years) => years.map((y) => {
    const lines = [...y.querySelectorAll('.run .event')].map((li) => li.textContent);
    const texts = lines.map((t) => t.replace(/^\S+ \d{4}(–\S+ \d{4})?\s*/, ''));
    const most = Math.max(0, ...[...new Set(texts)].map((t) => texts.filter((x) => x === t).length));
    return { repeatedLines: lines.length - new Set(lines).size, most };
  }));
  expect(Math.max(...repeats.map((r) => r.repeatedLines))).toBe(0);
  expect(Math.max(...repeats.map((r) => r.most))).toBeLessThanOrEqual(2);
  await page.locator('#timeline .year').first().screenshot({ path: path.join(shots, 'timeline-folded.png') });
  // Sweep the pointer across the first chart until an event's line is under it.
  const over = page.locator('#charts .chart').first().locator('.u-over');
  await over.scrollIntoViewIfNeeded();
  const box = await over.boundingBox();
  let named = '';
  for (let x = 2; x < box.width && !named; x += 2) {
    await page.mouse.move(box.x + x, box.y + box.height / 2);
    const tip = page.locator('#charts .chart').first().locator('.event-tip');
    if (await tip.isVisible()) named = await tip.textContent();
  }
  expect(named).toMatch(/^[A-Z]?\d{4}-\d{2}: .{10,}/);
  await page.screenshot({ path: path.join(shots, 'chart-event-hover.png') });
});

// ---- accessibility: axe-core (from npm) on each tab, no serious or critical violation ----------

test('accessibility: no serious or critical axe-core violations on any tab', async ({ page }) => {
  const axe = fs.readFileSync(path.join(root, 'web', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await ready(page);
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  await page.addScriptTag({ content: axe });
  const found = [];
  for (const tab of ['explore', 'compare', 'play', 'sources']) {
    await page.click(`.tab[data-tab="${tab}"]`);
    if (tab === 'sources') await expect(page.locator('#bib-works li').first()).toBeVisible();
    // The debrief's frame holds the report, checked below as a page of its own.
    const result = await page.evaluate(async () => window.axe.run(document, { exclude: [['iframe']], resultTypes: ['violations'] }));
    for (const v of result.violations)
      if (v.impact === 'serious' || v.impact === 'critical')
        found.push(`${tab}: ${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  // The report, as a page of its own.
  await page.goto(base + await page.evaluate(() => document.getElementById('debrief').getAttribute('src')));
  await page.addScriptTag({ content: axe });
  const report = await page.evaluate(async () => window.axe.run(document, { resultTypes: ['violations'] }));
  expect(report.passes.length + report.violations.length).toBeGreaterThan(0);
  for (const v of report.violations)
    if (v.impact === 'serious' || v.impact === 'critical') found.push(`report: ${v.id} (${v.impact})`);
  expect(found).toEqual([]);
});

// ---- issue 17: export and sharing ------------------------------------------------------------

async function downloaded(page, click) {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: dl.suggestedFilename(), bytes: fs.readFileSync(await dl.path()) };
}

test('export: a chart as PNG, its numbers as CSV, and the run\'s files', async ({ page }) => {
  await ready(page);
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  const chart = page.locator('#charts .chart').first();
  const png = await downloaded(page, () => chart.locator('[data-export="png"]').click());
  expect(png.name).toMatch(/\.png$/);
  expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.bytes.length).toBeGreaterThan(5000);
  fs.writeFileSync(path.join(shots, 'export-chart.png'), png.bytes);
  const csv = await downloaded(page, () => chart.locator('[data-export="csv"]').click());
  const lines = csv.bytes.toString().trim().split('\n');
  expect(lines[0]).toMatch(/^date,/);
  expect(lines[1]).toMatch(/^1953-03,/);
  // One row a month, as the run's own indicators.
  const ind = await downloaded(page, () => page.click('[data-download="indicators"]'));
  const indLines = ind.bytes.toString().trim().split('\n');
  expect(indLines.length).toBe(lines.length);
  expect(indLines[0]).toContain('society.legitimacy');
  const ev = await downloaded(page, () => page.click('[data-download="events"]'));
  expect(ev.bytes.toString().split('\n')[0]).toBe('date,code,severity,subject,text');
  expect(ev.bytes.toString().split('\n').length).toBeGreaterThan(10);
  const rj = JSON.parse((await downloaded(page, () => page.click('[data-download="run"]'))).bytes.toString());
  expect(rj.scenario).toBe('thaw-1953');
  expect(rj.link).toContain('#run=');
});

test('share: a link reproduces the run in another browser, and a reload keeps the runs', async ({ page, browser }) => {
  await ready(page);
  await page.fill('#seed', '7');
  await page.locator('summary', { hasText: 'Decisions' }).click();
  await page.locator('[data-decision="secret-speech"]').uncheck();
  await page.fill('#runname', 'no speech, seed 7');
  await page.click('#run');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  const link = await page.inputValue('#share-link');
  expect(link).toContain('#run=');
  const numbers = async (p) => (await downloaded(p, () => p.click('[data-download="indicators"]'))).bytes.toString();
  const mine = await numbers(page);

  // Another browser (its own storage) opens the link: the same boxes, the same run, bit for bit.
  const other = await browser.newContext();
  const p2 = await other.newPage();
  p2.errors = [];
  p2.on('console', (m) => { if (m.type() === 'error') p2.errors.push(m.text()); });
  await p2.goto(link);
  await expect(p2.locator('#results')).toBeVisible({ timeout: 90_000 });
  await expect(p2.locator('#seed')).toHaveValue('7');
  await expect(p2.locator('[data-decision="secret-speech"]')).not.toBeChecked();
  await expect(p2.locator('#run-label')).toContainText('secret-speech');
  expect(await numbers(p2)).toBe(mine);
  await p2.screenshot({ path: path.join(shots, 'shared-link.png') });
  expect(p2.errors).toEqual([]);
  await other.close();

  // A reload keeps the run (in Explore and in Compare's list) without running it again.
  let posts = 0;
  page.on('request', (r) => { if (r.method() === 'POST' && r.url().endsWith('/api/runs')) posts++; });
  await page.reload();
  await expect(page.locator('#results')).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('#run-label')).toContainText('secret-speech');
  await page.click('.tab[data-tab="compare"]');
  await expect(page.locator('#cmp-a option')).toHaveCount(1);
  await expect(page.locator('#cmp-a option')).toContainText('no speech, seed 7');
  expect(posts).toBe(0);

  // A run the server no longer has (here: an id it never had) is offered to be run again.
  await page.evaluate(() => {
    const kept = JSON.parse(localStorage.getItem('thaw.runs'));
    kept[0].id = 'r999999';
    localStorage.setItem('thaw.runs', JSON.stringify(kept));
  });
  await page.goto(base + '/');
  await expect(page.locator('#restored')).toContainText('no longer on the server');
  // The browser logs the one 404 the page asked for (the lost run's id): expected here, and only it.
  expect(page.errors.filter((e) => e.includes('404'))).toHaveLength(1);
  page.errors = page.errors.filter((e) => !e.includes('404'));
  await page.click('#rerun');
  await expect(page.locator('#results')).toBeVisible({ timeout: 90_000 });
  expect(await numbers(page)).toBe(mine);
});

test('a damaged link says so in plain words', async ({ page }) => {
  await page.goto(base + '/#run=bm90IGpzb24');
  await expect(page.locator('#error')).toContainText('Cannot open the link');
  await page.goto(base + '/#run=' + Buffer.from(JSON.stringify({ scenario: 'no-such-scenario' })).toString('base64url'));
  await page.reload();
  await expect(page.locator('#error')).toContainText('no-such-scenario');
});

// ---- issue 17: a class session joined from two other browsers ---------------------------------

test('class: a teacher opens a game, two students join from their own browsers, vote, and all follow the next point', async ({ page, browser }) => {
  await ready(page);
  await page.click('.tab[data-tab="play"]');
  await page.click('#class-box summary');
  await page.click('#class-open');
  await expect(page.locator('#class-code-shown')).toBeVisible({ timeout: 60_000 });
  const code = (await page.locator('#class-code-shown').textContent()).trim();
  expect(code).toMatch(/^[A-HJ-NP-Z]{5}$/);
  const first = (await page.locator('#play-title').textContent()).trim();

  const students = [];
  for (const [name, faction] of [['Anna', '0'], ['Boris', '1']]) {
    const context = await browser.newContext();
    const p = await context.newPage();
    p.errors = [];
    p.on('console', (m) => { if (m.type() === 'error') p.errors.push(m.text()); });
    await p.goto(base + '/');
    await p.click('.tab[data-tab="play"]');
    await p.click('#class-box summary');
    await p.fill('#class-code', code);
    await expect(p.locator('#class-faction option')).toHaveCount(4);
    await p.fill('#class-name', name);
    await p.selectOption('#class-faction', faction);
    await p.click('#class-join');
    await expect(p.locator('#play-card')).toBeVisible({ timeout: 30_000 });
    await expect(p.locator('#play-title')).toHaveText(first);
    students.push({ context, page: p });
  }
  // Both vote against history; the teacher sees each faction's vote and closes the round.
  for (const { page: p } of students) {
    await p.locator('.option[data-history="false"]').first().click();
    await expect(p.locator('.option.voted')).toHaveCount(1);
  }
  await expect(page.locator('#class-votes tbody tr').filter({ hasText: 'Anna' })).toContainText('1 of 1', { timeout: 10_000 });
  await expect(page.locator('#class-votes tbody tr').filter({ hasText: 'Boris' })).toContainText('1 of 1', { timeout: 10_000 });
  await page.screenshot({ path: path.join(shots, 'class-teacher.png') });
  await page.click('#class-close');
  await expect(page.locator('#play-title')).not.toHaveText(first, { timeout: 60_000 });
  const next = (await page.locator('#play-title').textContent()).trim();
  for (const { page: p } of students) await expect(p.locator('#play-title')).toHaveText(next, { timeout: 15_000 });
  await students[0].page.screenshot({ path: path.join(shots, 'class-student.png') });
  // The teacher's class view, open: no serious accessibility violation.
  const axe = fs.readFileSync(path.join(root, 'web', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  await page.addScriptTag({ content: axe });
  const result = await page.evaluate(async () => window.axe.run(document.getElementById('play'), { resultTypes: ['violations'] }));
  expect(result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  for (const { context, page: p } of students) {
    expect(p.errors).toEqual([]);
    await context.close();
  }
});
