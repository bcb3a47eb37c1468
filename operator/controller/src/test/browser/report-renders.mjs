// Opens a what-if HTML report in headless Chromium and prints, as one JSON line, what a reader would see: the main
// diff table's caption, how many of its body rows are rendered visibly, the first row's cells, and every request the
// page made besides loading itself (a self-contained report makes none). Usage: node report-renders.mjs REPORT.html
// CHROMIUM_PATH names the browser (default /usr/bin/chromium); nothing here ever downloads one.
import { chromium } from 'playwright-core';
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
if (!file) {
  console.error('usage: node report-renders.mjs REPORT.html');
  process.exit(2);
}
const url = pathToFileURL(file).href;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-background-networking'],
});
try {
  const page = await browser.newPage();
  const requests = [];
  page.on('request', (request) => {
    if (request.url() !== url) {
      requests.push(request.url());
    }
  });
  await page.goto(url, { waitUntil: 'load' });
  const diff = page.locator('#diff');
  const seen = {
    title: await page.title(),
    caption: (await diff.locator('caption').innerText()).trim(),
    captionVisible: await diff.locator('caption').isVisible(),
    rows: await diff.locator('tbody tr').count(),
    visibleRows: await diff.locator('tbody tr').evaluateAll((rows) => rows.filter((row) => {
      const box = row.getBoundingClientRect();
      const style = getComputedStyle(row);
      return box.height > 0 && box.width > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    }).length),
    firstRow: await diff.locator('tbody tr').first().locator('td').allInnerTexts(),
    scripts: await page.locator('script').count(),
    requests,
  };
  console.log(JSON.stringify(seen));
} finally {
  await browser.close();
}
