// Browser test of the admin page: headless Debian Chromium driven by playwright-core.
//
//   BASE_URL=http://127.0.0.1:7071 ADMIN_KEY=<master key> node --test tests/browser/admin-page.test.mjs
//
// Without BASE_URL and ADMIN_KEY the tests are skipped. SCREENSHOT_DIR is where the screenshots go (default: a new
// temporary folder, printed); EXPECTED_RECEIVED, when set, is the number of cases the page must show as received.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = process.env.BASE_URL?.replace(/\/+$/, '');
const adminKey = process.env.ADMIN_KEY;
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const expectedReceived = process.env.EXPECTED_RECEIVED;
const skip = baseUrl && adminKey ? false : 'BASE_URL and ADMIN_KEY are not set';
const laptop = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };
const phone = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

describe('admin page', { skip, timeout: 120_000 }, () => {
  let browser;
  let shotsDir;

  before(async () => {
    assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: run scripts/install-chromium.sh (or set CHROMIUM_PATH)`);
    shotsDir = process.env.SCREENSHOT_DIR ?? await mkdtemp(path.join(tmpdir(), 'hotline-screenshots-'));
    await mkdir(shotsDir, { recursive: true });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });

  after(async () => {
    await browser?.close();
  });

  /** A page in a fresh context that fails on any request leaving the app (the page must fetch nothing from elsewhere). */
  async function open(device, pathAndQuery, status = 200) {
    const context = await browser.newContext({ ...device, locale: 'zh-CN' });
    const page = await context.newPage();
    const foreign = [];
    page.on('request', (r) => { if (!r.url().startsWith(baseUrl)) foreign.push(r.url()); });
    page.foreign = foreign;
    const response = await page.goto(`${baseUrl}${pathAndQuery}`);
    assert.equal(response.status(), status, `GET ${pathAndQuery}`);
    return page;
  }

  async function shoot(page, name) {
    const file = path.join(shotsDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
  }

  /** One part of the page at its real size, to read what the full-page shot shrinks on a phone. */
  async function shootPart(page, selector, name) {
    const file = path.join(shotsDir, `${name}.png`);
    await page.locator(selector).screenshot({ path: file });
    console.log(`screenshot: ${file}`);
  }

  async function checkCharts(page) {
    const charts = await page.$$eval('figure.chart > svg[role=img]', (svgs) => svgs.map((svg) => ({
      label: svg.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id)?.textContent.trim() ?? '').join(' | '),
      width: svg.getBoundingClientRect().width,
      height: svg.getBoundingClientRect().height,
    })));
    assert.equal(charts.length, 3, 'three charts');
    for (const chart of charts) {
      assert.ok(chart.label.split(' | ').every((part) => part.length > 0), `chart named and described: ${chart.label}`);
      assert.ok(chart.width > 200 && chart.height > 40, `chart drawn at a readable size: ${JSON.stringify(chart)}`);
    }
    return charts;
  }

  async function noSidewaysScroll(page) {
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'no sideways scrolling of the page');
  }

  test('on a laptop, /admin with the key shows the figures, three charts and the tables in Chinese', async () => {
    const page = await open(laptop, `/admin?code=${encodeURIComponent(adminKey)}`);
    assert.equal(new URL(page.url()).pathname, '/api/admin/dashboard', 'redirected to the page');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.ok(await page.getByRole('heading', { level: 1, name: '统计报表' }).isVisible());

    const received = (await page.locator('#kpi-received dd').textContent()).trim();
    if (expectedReceived) {
      assert.match(received, new RegExp(`^${expectedReceived}件`), `received figure: ${received}`);
    }
    assert.match((await page.locator('#kpi-acknowledgement dd').textContent()).trim(), /^\d+(\.\d)?%/);

    await checkCharts(page);
    assert.ok(await page.locator('figure.chart svg .series circle').count() >= 1, 'the rates chart has points');
    const bars = await page.locator('figure.chart svg .bar-label').allTextContents();
    assert.ok(bars.includes('欠薪/劳动报酬'), `category bars: ${bars.join(', ')}`);
    assert.ok(bars.some((b) => b.includes('甘肃省总工会')), `unit bars: ${bars.join(', ')}`);

    const units = await page.locator('#units-table tbody th').allTextContents();
    assert.equal(units[0], '甘肃省总工会');
    assert.ok(units.includes('临洮县总工会'));
    assert.ok(await page.locator('#status-table').isVisible());

    const ledger = new URL(await page.getByRole('link', { name: /下载本范围的台账/ }).getAttribute('href'), page.url());
    assert.equal(ledger.pathname, '/api/admin/ledger.csv');
    assert.equal(ledger.searchParams.get('code'), adminKey);
    assert.ok(ledger.searchParams.get('from') && ledger.searchParams.get('to'));

    await noSidewaysScroll(page);
    assert.deepEqual(page.foreign, [], 'requests outside the app');
    await shoot(page, 'admin-zh-laptop');
    await page.context().close();
  });

  test('on a phone, a unit chosen in the form narrows the report and the page still fits the screen', async () => {
    const page = await open(phone, `/admin?code=${encodeURIComponent(adminKey)}`);
    await page.getByLabel('单位', { exact: true }).selectOption('dx');
    await page.getByRole('button', { name: '查看' }).focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

    const url = new URL(page.url());
    assert.equal(url.searchParams.get('unit'), 'dx');
    assert.equal(url.searchParams.get('code'), adminKey, 'the form keeps the key');
    assert.match(await page.locator('.lede').textContent(), /定西市总工会/);
    const units = await page.locator('#units-table tbody th').allTextContents();
    assert.equal(units[0], '定西市总工会');
    assert.ok(!units.includes('湖北省总工会'), 'only the chosen unit and its sub-units');
    const ledger = new URL(await page.getByRole('link', { name: /下载本范围的台账/ }).getAttribute('href'), page.url());
    assert.equal(ledger.searchParams.get('unit'), 'dx');

    await checkCharts(page);
    await noSidewaysScroll(page);
    const small = await page.$$eval('form input:not([type=hidden]), form select, form button', (controls) =>
      controls.map((c) => ({ name: c.name || c.textContent.trim(), h: c.getBoundingClientRect().height })).filter((c) => c.h < 44));
    assert.deepEqual(small, [], 'form controls smaller than 44 px');
    await shoot(page, 'admin-zh-phone');
    await shootPart(page, 'section:has(#figures-heading)', 'admin-zh-phone-figures');
    await shootPart(page, 'section:has(#rates-heading)', 'admin-zh-phone-rates');
    await shootPart(page, 'section:has(#units-chart-heading)', 'admin-zh-phone-units');
    await shootPart(page, 'section:has(#units-heading)', 'admin-zh-phone-table');
    await page.context().close();
  });

  test('the language link leads to the English page with the same choice and the key', async () => {
    const page = await open(phone, `/admin?unit=lt&code=${encodeURIComponent(adminKey)}`);
    const english = page.getByRole('link', { name: 'English' });
    assert.equal(await english.getAttribute('lang'), 'en');
    await Promise.all([page.waitForNavigation(), english.click()]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.ok(await page.getByRole('heading', { level: 1, name: 'Report' }).isVisible());
    assert.equal(new URL(page.url()).searchParams.get('unit'), 'lt');
    await checkCharts(page);
    await page.getByText('Data table').click();
    assert.ok(await page.locator('details table tbody tr').count() >= 1);
    await noSidewaysScroll(page);
    await shoot(page, 'admin-en-phone');
    await page.context().close();
  });

  test('a reversed range is answered with a 400 page that says what to correct', async () => {
    const page = await open(phone, `/admin?from=2026-12-01&to=2026-11-01&code=${encodeURIComponent(adminKey)}`, 400);
    assert.ok(await page.getByRole('alert').isVisible());
    assert.match(await page.getByRole('alert').textContent(), /开始日期有误/);
    assert.equal(await page.getByLabel('开始日期', { exact: true }).inputValue(), '2026-12-01');
    await noSidewaysScroll(page);
    await shoot(page, 'admin-error-phone');
    await page.context().close();
  });
});
