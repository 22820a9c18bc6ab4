// End-to-end tests in Debian's Chromium (never a downloaded browser): npm run e2e.
// THAW_BIN names the thaw binary (default ../build/release/thaw); screenshots go to
// ../build/e2e-screenshots.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  workers: 1,
  reporter: [['list']],
  outputDir: '../build/e2e-results',
  use: {
    launchOptions: { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] },
    viewport: { width: 1280, height: 900 },
    screenshot: 'only-on-failure',
  },
});
