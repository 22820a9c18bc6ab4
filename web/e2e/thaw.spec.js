// Loads the page from `thaw serve`, runs the baseline, checks charts and timeline, plays one
// decision, and checks that a bad request gets a 400 while the server stays up.
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

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

test('explore: run the baseline, see charts, timeline and debrief', async ({ page }) => {
  await page.goto(base + '/');
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
  await page.goto(base + '/');
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
