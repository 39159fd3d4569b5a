// Opens a live Spark UI in headless Chromium (Debian's, driven by playwright-core) and checks what a user sees.
//   node stage-page.mjs UI_URL APP_ID --accumulator NAME [--accumulator NAME ...] [--prometheus TEXT ...]
// For each accumulator: finds the stage that updated it (REST API), opens that stage's page, and waits until the
// page's accumulator table (drawn by the UI's JavaScript) shows the name. For each --prometheus text: the driver's
// /metrics/prometheus/ page contains it. Exit 0 when all are seen; 1 with one line naming what is missing.
import { chromium } from 'playwright-core';

const [ui, app, ...rest] = process.argv.slice(2);
const accumulators = [];
const prometheus = [];
for (let i = 0; i < rest.length; i += 2) {
  if (rest[i] === '--accumulator') accumulators.push(rest[i + 1]);
  else if (rest[i] === '--prometheus') prometheus.push(rest[i + 1]);
  else { console.error(`stage-page: unknown argument '${rest[i]}'`); process.exit(2); }
}
const executablePath = process.env.NOODLEVISION_CHROMIUM || '/usr/bin/chromium';
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--headless=new'] });
let failed = null;
try {
  const page = await browser.newPage();
  const stages = await (await fetch(`${ui}/api/v1/applications/${app}/stages?details=true`)).json();
  for (const name of accumulators) {
    const stage = stages.find(s => (s.accumulatorUpdates || []).some(a => a.name === name));
    if (!stage) { failed = `no stage reports accumulator ${name} in the REST API`; break; }
    await page.goto(`${ui}/stages/stage/?id=${stage.stageId}&attempt=${stage.attemptId}`);
    try {
      await page.getByText(name, { exact: true }).first().waitFor({ timeout: 30000 });
      console.log(`seen on stage ${stage.stageId}'s page: ${name}`);
    } catch (e) {
      failed = `stage ${stage.stageId}'s page does not show accumulator ${name}`;
      break;
    }
  }
  if (!failed && prometheus.length) {
    await page.goto(`${ui}/metrics/prometheus/`);
    const text = await page.evaluate(() => document.body.innerText);
    const missing = prometheus.filter(p => !text.includes(p));
    if (missing.length) failed = `/metrics/prometheus/ lacks ${missing.join(', ')}`;
    else console.log(`seen on /metrics/prometheus/: ${prometheus.join(', ')}`);
  }
} finally {
  await browser.close();
}
if (failed) { console.error(`stage-page: ${failed}`); process.exit(1); }
