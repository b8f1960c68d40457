// Browser test of the caller's web form: headless Debian Chromium driven by playwright-core.
//
//   BASE_URL=http://127.0.0.1:7071 node --test tests/browser/
//
// BASE_URL is the running app (the local run listens on 127.0.0.1:7071); without it the tests are skipped.
// Chromium comes from Debian (scripts/install-chromium.sh), not from Playwright's own download;
// CHROMIUM_PATH overrides /usr/bin/chromium. Screenshots go to a new temporary folder whose path is printed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const baseUrl = process.env.BASE_URL?.replace(/\/+$/, '');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = baseUrl ? false : 'BASE_URL is not set (e.g. BASE_URL=http://127.0.0.1:7071)';

// Ticket ids leave out 0/O and 1/I/L; a display form may carry one dash.
const ticketAlphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const ticketPattern = new RegExp(`^[${ticketAlphabet}]{6,12}$`);
const phone = { width: 390, height: 844 };

describe('web form', { skip, timeout: 120_000 }, () => {
  let context;
  let userDataDir;
  let shotsDir;

  before(async () => {
    assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing: run scripts/install-chromium.sh (or set CHROMIUM_PATH)`);
    userDataDir = await mkdtemp(path.join(tmpdir(), 'hotline-chromium-'));
    shotsDir = await mkdtemp(path.join(tmpdir(), 'hotline-screenshots-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: phone,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
  });

  after(async () => {
    await context?.close();
    if (userDataDir) {
      await rm(userDataDir, { recursive: true, force: true });
    }
  });

  async function open(pathAndQuery) {
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}${pathAndQuery}`);
    assert.equal(response.status(), 200, `GET ${pathAndQuery}`);
    return page;
  }

  async function shoot(page, name) {
    const file = path.join(shotsDir, `${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(`screenshot: ${file}`);
    return file;
  }

  /** Focuses the control a label names (as a screen reader user would jump to it), then types with the keyboard. */
  async function typeInto(page, label, text) {
    await page.getByLabel(label).focus();
    await page.keyboard.type(text);
  }

  /** Submits the report form the way a keyboard user does: focus the button, press Enter; waits for the answer page. */
  async function submitWithKeyboard(page, buttonName) {
    await page.getByRole('button', { name: buttonName }).focus();
    const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    return response;
  }

  test('the form is Chinese by default, and every control has a label and sits in a fieldset', async () => {
    const page = await open('/');
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');

    const form = page.locator('form[action="/api/submissions"]');
    assert.equal((await form.getAttribute('method')).toLowerCase(), 'post');

    const unlabelled = await page.$$eval('input:not([type=hidden]), select, textarea, button', (controls) =>
      controls
        .filter((c) => (c.tagName === 'BUTTON' ? !c.textContent.trim() : c.labels.length === 0 || !c.labels[0].textContent.trim()))
        .map((c) => c.outerHTML));
    assert.deepEqual(unlabelled, [], 'controls without a label');

    const outsideFieldset = await form.evaluate((f) =>
      [...f.querySelectorAll('input:not([type=hidden]), select, textarea')]
        .filter((c) => !c.closest('fieldset')?.querySelector(':scope > legend')?.textContent.trim())
        .map((c) => c.name));
    assert.deepEqual(outsideFieldset, [], 'report controls outside a fieldset with a legend');

    const names = await form.evaluate((f) => [...f.elements].filter((e) => e.name).map((e) => `${e.name}:${e.type}`));
    for (const expected of ['description:textarea', 'phone:tel', 'name:text', 'region:select-one', 'category:select-one',
      'employer:text', 'affectedCount:text', 'language:hidden', 'consent:checkbox']) {
      assert.ok(names.includes(expected), `field ${expected} (have ${names.join(', ')})`);
    }
    assert.equal(await form.locator('input[name=language]').inputValue(), 'zh-CN');
    assert.equal(await form.locator('input[name=consent]').getAttribute('value'), 'true');

    const categories = await page.locator('select[name=category] option').evaluateAll((o) => o.map((x) => x.value));
    assert.deepEqual(categories, ['', 'wage_arrears', 'labor_contract', 'social_insurance', 'work_injury', 'workplace_safety',
      'hardship_aid', 'legal_aid', 'employment', 'union_membership', 'counseling', 'suggestion', 'other']);
    assert.equal(await page.locator('select[name=region] option').first().getAttribute('value'), '');
    assert.match(await page.locator('select[name=region] option').first().textContent(), /不清楚/);

    // The status lookup is a labelled form of its own.
    assert.ok(await page.getByLabel('工单号').isVisible());
    assert.ok(await page.getByLabel('查询码').isVisible());

    // Nothing wider than the phone, and tap targets of at least 44 px.
    assert.ok(await page.evaluate((w) => document.documentElement.scrollWidth <= w, phone.width), 'no sideways scrolling');
    const small = await page.$$eval('input:not([type=hidden]), select, textarea, button', (controls) =>
      controls.map((c) => ({ name: c.name || c.textContent.trim(), h: c.getBoundingClientRect().height })).filter((c) => c.h < 44));
    assert.deepEqual(small, [], 'controls smaller than 44 px');
    await shoot(page, 'form-zh-phone');
    await page.close();
  });

  test('pressing Tab from the top reaches every report field in order, then the submit button', async () => {
    const page = await open('/');
    const expected = await page.locator('form[action="/api/submissions"]').evaluate((f) =>
      [...f.querySelectorAll('input:not([type=hidden]), select, textarea, button')].map((c) => c.id || c.textContent.trim()));
    const reached = [];
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const e = document.activeElement;
        return { key: e.id || e.textContent.trim(), submit: e.type === 'submit' && e.form?.getAttribute('action') === '/api/submissions' };
      });
      reached.push(focused.key);
      if (focused.submit) {
        break;
      }
    }
    const inForm = reached.filter((k) => expected.includes(k));
    assert.deepEqual(inForm, expected, `tab order: ${reached.join(' → ')}`);
    await page.close();
  });

  test('in English, a report filled in with the keyboard is accepted and shows a ticket id and a tracking code', async () => {
    const page = await open('/');
    const toEnglish = page.getByRole('link', { name: 'English' });
    assert.equal(await toEnglish.getAttribute('lang'), 'en');
    await toEnglish.focus();
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.locator('input[name=language]').inputValue(), 'en');
    await shoot(page, 'form-en-phone');

    await typeInto(page, 'What happened?', 'Our site has not paid 25 of us since March. The contractor says the developer has not paid him.');
    await page.getByLabel('Type of problem').focus();
    await page.keyboard.press('ArrowDown');
    assert.equal(await page.getByLabel('Type of problem').inputValue(), 'wage_arrears');
    await typeInto(page, 'How many workers are affected?', '25');
    await typeInto(page, 'Employer or workplace', 'Riverside Gardens phase 2');
    await page.getByLabel('Where is the workplace?').focus();
    await page.keyboard.press('ArrowDown');
    await typeInto(page, 'Mobile number', '13800138000');
    await typeInto(page, 'Your name', 'Li');
    await page.getByLabel('I agree that the trade union may process this report').focus();
    await page.keyboard.press('Space');
    assert.ok(await page.getByLabel('I agree that the trade union may process this report').isChecked());

    const response = await submitWithKeyboard(page, 'Send report');
    assert.equal(response.status(), 202, 'a form post that is accepted answers 202');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    const ticketId = (await page.locator('#ticket-id').textContent()).trim();
    assert.match(ticketId.replace('-', ''), ticketPattern, `ticket id ${ticketId}`);
    const trackingCode = (await page.locator('#tracking-code').textContent()).trim();
    assert.match(trackingCode, /^[A-Z0-9-]{4,32}$/, `tracking code ${trackingCode}`);
    assert.ok(await page.getByRole('heading', { name: 'What happens next' }).isVisible());
    await shoot(page, 'accepted-en-phone');

    // The status link works with the code it carries and shows the same case. Its path is asked of BASE_URL, so a
    // public base URL that differs from the address under test (a proxy, another port) does not matter here.
    const statusHref = new URL(await page.locator('#status-link').getAttribute('href'), page.url());
    const status = await page.request.get(`${baseUrl}${statusHref.pathname}${statusHref.search}`);
    assert.equal(status.status(), 200, `GET ${statusHref.pathname}`);
    assert.ok((await status.text()).includes(ticketId.replace('-', '')), 'status answer names the ticket');

    // The lookup form on the form page finds the case with the ticket id and the code typed in.
    await page.goto(`${baseUrl}/?lang=en`);
    await typeInto(page, 'Ticket number', ticketId.toLowerCase());
    await typeInto(page, 'Tracking code', trackingCode);
    const lookup = await submitWithKeyboard(page, 'Check');
    assert.equal(lookup.status(), 200, 'the status page for a known ticket and code');
    assert.equal((await page.locator('#ticket-id').textContent()).trim(), ticketId);
    await shoot(page, 'status-en-phone');
    await page.close();
  });

  test('a lookup with a wrong tracking code answers 404 with an alert and the lookup form again', async () => {
    const page = await context.newPage();
    const response = await page.goto(`${baseUrl}/status?ticketId=K7MX2Q9D&code=ZZZZZZ&lang=en`);
    assert.equal(response.status(), 404);
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.ok(await page.getByRole('alert').isVisible());
    assert.equal(await page.getByLabel('Ticket number').inputValue(), 'K7MX2Q9D');
    await page.close();
  });

  test('a report without a description is sent back with an error summary that takes focus and is tied to the field', async () => {
    const page = await open('/');
    await typeInto(page, '手机号码', '13800138000');
    await page.getByLabel('我同意工会处理我反映的问题').focus();
    await page.keyboard.press('Space');

    const response = await submitWithKeyboard(page, '提交');
    assert.equal(response.status(), 400);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    assert.match(await page.title(), /^错误/);

    const summary = page.getByRole('alert');
    assert.ok(await summary.isVisible(), 'an error summary with role=alert');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary', null, { timeout: 5_000 });
    const link = summary.locator('a[href="#description"]');
    assert.ok(await link.isVisible(), 'the summary links to the description field');

    const description = page.getByLabel('发生了什么？');
    assert.equal(await description.getAttribute('aria-invalid'), 'true');
    const describedBy = (await description.getAttribute('aria-describedby')).split(/\s+/);
    const messages = await Promise.all(describedBy.map((id) => page.locator(`#${id}`).textContent()));
    const linkText = (await link.textContent()).trim();
    assert.ok(messages.some((m) => m.includes(linkText)), `aria-describedby (${describedBy}) carries "${linkText}"`);

    // What the caller typed is still there.
    assert.equal(await page.getByLabel('手机号码').inputValue(), '13800138000');
    assert.ok(await page.getByLabel('我同意工会处理我反映的问题').isChecked());

    // Following the summary link puts the caret in the field.
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => location.hash === '#description');
    await shoot(page, 'error-zh-phone');
    await page.close();
  });

  after(() => {
    if (shotsDir) {
      console.log(`screenshots are in ${shotsDir}`);
    }
  });
});
