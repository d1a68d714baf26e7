// Browser tests of the dashboard (issue 6), against a running `conduit serve` started by ./run.
// Playwright (playwright-core) drives Debian's chromium headless; the tests also call the API and the
// management API directly with Node's fetch. The tests run in order and share one signed-up user.
//
// Environment (set by ./run): CONDUIT_BIN, CONDUIT_DATA_DIR, CONDUIT_SANDBOX and CONDUIT_PRODUCTION
// (host:port), CONDUIT_SCREENSHOTS (folder), CHROMIUM_PATH.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with test/browser/run PATH/TO/conduit`);
  return value;
};

const BIN = env('CONDUIT_BIN');
const DATA_DIR = env('CONDUIT_DATA_DIR');
const SANDBOX = `http://${env('CONDUIT_SANDBOX')}`;
const SCREENSHOTS = env('CONDUIT_SCREENSHOTS');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const LIVE_NOTE = 'Live is available once your organization is activated (conduit org activate)';
const RUN_STARTED = Date.now();
const run = RUN_STARTED.toString(36);
const user = { email: `owner-${run}@example.com`, password: 'correct horse battery staple', org: `Acme Browser ${run}` };

let browser;
let context;
let page;
const pageErrors = [];
const requests = [];
const shared = {}; // values handed from one test to the next

// ------------------------------------------------------------------ helpers

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Retries fn until it stops throwing, or rethrows its last error after `timeout` ms.
async function eventually(fn, { timeout = 5000, interval = 100 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(interval);
    }
  }
}

async function cookieHeader(ctx = context) {
  const cookies = await ctx.cookies(SANDBOX);
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}

// A call to the management API from the test, with the page's session cookie.
async function dashboard(method, apiPath, { body, csrf, cookie } = {}) {
  const headers = { cookie: cookie ?? await cookieHeader() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (csrf) headers['x-csrf-token'] = csrf;
  const response = await fetch(`${SANDBOX}/dashboard/api${apiPath}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

async function session() {
  const answer = await dashboard('GET', '/session');
  assert.equal(answer.status, 200, `GET /dashboard/api/session: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

// A call to the Conduit API on the sandbox listener with an API key.
async function apiCall(key, method, apiPath, { body, headers = {} } = {}) {
  const init = { method, headers: { 'x-api-key': key, ...headers } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`${SANDBOX}${apiPath}`, init);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = text; }
  return { status: response.status, headers: response.headers, body: json };
}

const shot = (name) => path.join(SCREENSHOTS, name);

async function goTo(section) {
  await page.locator('nav.sections').getByRole('link', { name: section, exact: true }).click();
}

// Creates a key through the page; returns the secret read from the dialog (and closes the dialog).
async function createKeyInPage(label, access, { onDialog } = {}) {
  await goTo('API keys');
  const form = page.locator('#key-form');
  await form.getByLabel('Label').fill(label);
  await form.getByLabel('Access').selectOption(access);
  await form.getByRole('button', { name: 'Create key' }).click();
  const dialog = page.getByRole('dialog', { name: 'API key created' });
  await dialog.waitFor({ state: 'visible' });
  const secret = await dialog.getByLabel('Secret key').inputValue();
  if (onDialog) await onDialog(dialog, secret);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return secret;
}

const keyRow = (label) => page.locator('#keys-table tbody tr').filter({
  has: page.locator('td:first-child', { hasText: new RegExp(`^${label}$`) }),
});

async function cellTexts(row) {
  return (await row.locator('td').allInnerTexts()).map((t) => t.trim());
}

function pngSize(bytes) {
  assert.equal(bytes.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', 'a PNG signature');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

// A local port with nothing listening on it.
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// ------------------------------------------------------------------ browser

before(async () => {
  await mkdir(SCREENSHOTS, { recursive: true });
  // launch() gives every run a fresh, temporary user-data directory.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  context = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', timezoneId: 'UTC' });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: SANDBOX });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) pageErrors.push(message.text());
  });
  page.on('request', (request) => requests.push({
    url: request.url(), method: request.method(), headers: request.headers(),
  }));
});

after(async () => {
  await browser?.close();
});

// ------------------------------------------------------------------ tests

test('sign up in the page, create a read-write sandbox key, call the API with it, revoke it in the page', { timeout: 60_000 }, async () => {
  await page.goto(`${SANDBOX}/dashboard`);
  await page.getByRole('button', { name: 'Create account' }).first().click();
  const signup = page.locator('#signup-form');
  await signup.getByLabel('Email').fill(user.email);
  await signup.getByLabel('Password').fill(user.password);
  await signup.getByLabel('Organization name').fill(user.org);
  await signup.getByRole('button', { name: 'Create account' }).click();
  await page.locator('#org-name', { hasText: user.org }).waitFor();
  assert.equal((await page.locator('#user-email').innerText()).trim(), user.email);

  const cookie = (await context.cookies(SANDBOX)).find((c) => c.name === 'conduit_session');
  assert.ok(cookie, 'the conduit_session cookie is set');
  assert.equal(cookie.httpOnly, true, 'the session cookie is HttpOnly');
  assert.equal(cookie.sameSite, 'Strict', 'the session cookie is SameSite=Strict');
  const me = await session();
  assert.match(me.user.id, /^usr_/);
  assert.equal(me.organization.name, user.org);
  assert.equal(me.environment, 'sandbox');
  shared.orgId = me.organization.id;

  // Read-only is preselected.
  assert.equal(await page.locator('#key-form').getByLabel('Access').inputValue(), 'read_only');

  const secret = await createKeyInPage('browser-rw', 'read_write', {
    onDialog: async (dialog, key) => {
      assert.match(key, /^ck_sandbox_[0-9a-f]{64}$/);
      assert.match(await dialog.innerText(), /You will not see this key again/);
      assert.equal(await dialog.evaluate((d) => d.matches(':modal')), true, 'the dialog is modal');
      await dialog.getByRole('button', { name: 'Copy' }).click();
      await eventually(async () => assert.match(await page.locator('#key-copy-status').innerText(), /Copied/));
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), key, 'Copy put the key on the clipboard');
      await page.screenshot({ path: shot('key-created.png') });
    },
  });
  assert.equal((await page.content()).includes(secret), false, 'the secret leaves the page when the dialog closes');

  const allowed = await apiCall(secret, 'GET', '/v2/customers');
  assert.equal(allowed.status, 200, `GET /v2/customers with the new key: ${JSON.stringify(allowed.body)}`);

  const row = keyRow('browser-rw');
  await row.waitFor();
  const cells = await cellTexts(row);
  assert.deepEqual(cells.slice(0, 4), ['browser-rw', 'Sandbox', 'Read-write', `${secret.slice(0, 12)}…${secret.slice(-4)}`]);
  assert.equal(cells[6], 'Active');

  // Revoke asks first; Escape cancels.
  const confirm = page.getByRole('dialog', { name: 'Revoke this key?' });
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await confirm.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await confirm.waitFor({ state: 'hidden' });
  assert.equal(await row.getByRole('button', { name: /^Revoke/ }).count(), 1, 'Escape revoked nothing');
  assert.equal((await apiCall(secret, 'GET', '/v2/customers')).status, 200);

  await row.getByRole('button', { name: /^Revoke/ }).click();
  await confirm.waitFor({ state: 'visible' });
  await confirm.getByRole('button', { name: 'Revoke key' }).click();
  await row.getByRole('button', { name: /^Revoke/ }).waitFor({ state: 'detached' });
  assert.notEqual((await cellTexts(row))[6], 'Active', 'the Revoked column shows when');

  const refused = await eventually(async () => {
    const answer = await apiCall(secret, 'GET', '/v2/customers');
    assert.equal(answer.status, 401);
    return answer;
  }, { timeout: 1000, interval: 50 });
  assert.equal(refused.body.type, 'API_KEY_INVALID');
});

test('a failed request is found in the request log by its correlation id', { timeout: 60_000 }, async () => {
  const key = await createKeyInPage('browser-log', 'read_only');
  shared.readKey = key;
  assert.equal((await apiCall(key, 'GET', '/v2/customers')).status, 200);
  const clientId = `browser-test-${run}`;
  const failed = await apiCall(key, 'GET', '/v2/customers/cus_0000000000000000000000', {
    headers: { 'x-client-correlation-id': clientId },
  });
  assert.equal(failed.status, 404);
  const correlationId = failed.headers.get('x-correlation-id');
  assert.ok(correlationId, 'the response has an x-correlation-id');
  shared.correlationId = correlationId;

  await goTo('Request log');
  const filter = page.locator('#requests-filter');
  const rows = page.locator('#requests-table tbody tr');
  const search = async (status, id) => {
    await filter.getByLabel('Status').selectOption(status);
    await filter.getByLabel('Correlation id').fill(id);
    await filter.getByRole('button', { name: 'Search' }).click();
  };

  await eventually(async () => {
    await search('', correlationId);
    await rows.filter({ hasText: correlationId }).first().waitFor({ timeout: 500 });
  }, { timeout: 5000 });
  assert.equal(await rows.count(), 1, 'the correlation id matches exactly one request');
  const [time, method, requestPath, status, keyLabel, ids, latency] = await cellTexts(rows.first());
  assert.ok(time.length > 0);
  assert.equal(method, 'GET');
  assert.equal(requestPath, '/v2/customers/cus_0000000000000000000000');
  assert.equal(status, '404');
  assert.equal(keyLabel, 'browser-log');
  assert.deepEqual(ids.split('\n').map((line) => line.trim()), [correlationId, `client: ${clientId}`]);
  assert.match(latency, /^\d+(\.\d+)? ms$/);

  // The client correlation id finds it too; the status filter keeps it (4xx, 404) or drops it (2xx).
  const expectNone = async (id) => {
    await search('2xx', id);
    await page.locator('#requests-empty').waitFor({ state: 'visible' });
    assert.equal(await rows.count(), 0, 'a 2xx filter hides the 404');
  };
  for (const [status, id] of [['', clientId], ['4xx', correlationId], ['404', correlationId]]) {
    await expectNone(id);
    await search(status, id);
    await rows.filter({ hasText: correlationId }).waitFor();
    assert.equal(await rows.count(), 1, `status "${status}", id ${id}`);
  }

  await search('', '');
  await eventually(async () => {
    assert.ok(await rows.count() >= 3, 'without a filter the log lists every request');
  });
});

test('the live toggle is disabled before `conduit org activate` and enabled after', { timeout: 60_000 }, async () => {
  await goTo('API keys');
  const live = page.getByLabel('Live', { exact: true });
  const sandbox = page.getByLabel('Sandbox', { exact: true });
  assert.equal(await live.isDisabled(), true, 'Live is disabled before activation');
  assert.equal(await sandbox.isChecked(), true);
  const note = page.locator('#env-live-note');
  assert.equal(await note.isVisible(), true, 'the explanation is visible');
  assert.equal((await note.innerText()).trim(), LIVE_NOTE);

  const me = await session();
  assert.equal(me.organization.production.status, 'inactive');
  const early = await dashboard('PUT', '/session/environment', { body: { environment: 'production' }, csrf: me.csrfToken });
  assert.equal(early.status, 409);
  assert.equal(early.body.type, 'ENVIRONMENT_NOT_ACTIVATED');

  const { stdout } = await promisify(execFile)(BIN, ['org', 'activate', me.organization.id, '--data-dir', DATA_DIR]);
  assert.equal(JSON.parse(stdout).production.status, 'active');

  await page.reload();
  await page.locator('#org-name', { hasText: user.org }).waitFor();
  assert.equal(await live.isDisabled(), false, 'Live is enabled after activation');
  assert.equal(await note.isVisible(), false, 'the explanation is gone');

  await live.check();
  await page.locator('#env-banner.live').waitFor();
  assert.equal((await session()).environment, 'production');
  await page.locator('#keys-empty').waitFor({ state: 'visible' });
  assert.equal(await keyRow('browser-log').count(), 0, 'live lists production keys only');

  await sandbox.check();
  await page.locator('#env-banner.sandbox').waitFor();
  assert.equal((await session()).environment, 'sandbox');
  await keyRow('browser-log').waitFor();
});

test('CSRF: a POST with the session cookie but without X-CSRF-Token is refused', { timeout: 30_000 }, async () => {
  const forged = await dashboard('POST', '/keys', { body: { label: 'forged' } });
  assert.equal(forged.status, 403);
  assert.equal(forged.body.type, 'CSRF_TOKEN_INVALID');
  assert.match(forged.headers.get('content-type'), /^application\/problem\+json/);

  const wrong = await dashboard('POST', '/keys', { body: { label: 'forged' }, csrf: 'not-the-token' });
  assert.equal(wrong.status, 403);
  assert.equal(wrong.body.type, 'CSRF_TOKEN_INVALID');

  const { csrfToken } = await session();
  const created = await dashboard('POST', '/keys', { body: { label: 'csrf-with-token' }, csrf: csrfToken });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  assert.match(created.body.key, /^ck_sandbox_[0-9a-f]{64}$/);
  assert.equal(created.body.access, 'read_only', 'read-only is the default');

  const keys = await dashboard('GET', '/keys');
  assert.equal(keys.status, 200);
  const labels = keys.body.data.map((k) => k.label);
  assert.ok(labels.includes('csrf-with-token'));
  assert.ok(!labels.includes('forged'), 'the refused requests created nothing');
  for (const k of keys.body.data) assert.equal(k.key, undefined, 'a listed key never carries its secret');

  // Every state-changing request the page made carried the session's token.
  const changing = requests.filter((r) => r.url.includes('/dashboard/api/') && r.method !== 'GET'
    && !/\/dashboard\/api\/(signup|signin)$/.test(new URL(r.url).pathname));
  assert.ok(changing.length >= 5, `the page made state-changing requests (${changing.length})`);
  for (const r of changing) assert.ok(r.headers['x-csrf-token'], `${r.method} ${r.url} carries X-CSRF-Token`);
});

test('webhooks: endpoints, failed deliveries with their attempts, and Retry', { timeout: 90_000 }, async () => {
  const { csrfToken } = await session();
  const created = await dashboard('POST', '/keys', { body: { label: 'webhooks', access: 'read_write' }, csrf: csrfToken });
  assert.equal(created.status, 201);
  const key = created.body.key;

  const url = `http://127.0.0.1:${await closedPort()}/hook`;
  const endpoint = await apiCall(key, 'POST', '/v2/webhooks/endpoints', { body: { url, description: 'browser test receiver' } });
  assert.equal(endpoint.status, 201, JSON.stringify(endpoint.body));

  // An approved onboarding emits events, whose deliveries to the closed port fail.
  const form = new FormData();
  form.append('file', new Blob(['%PDF-1.4\n%%EOF\n'], { type: 'application/pdf' }), 'incorporation.pdf');
  form.append('purpose', 'organization_onboarding');
  form.append('name', 'Certificate of incorporation');
  const document = await apiCall(key, 'POST', '/v2/documents', { body: form });
  assert.equal(document.status, 201, JSON.stringify(document.body));
  const docId = document.body.id;
  const application = await apiCall(key, 'POST', '/v2/onboarding', {
    headers: { 'idempotency-key': `browser-${run}` },
    body: {
      businessInfo: { legalName: 'Acme Holdings', taxId: '12-3456789', dateOfIncorporation: '2015-06-01', contactEmail: 'ops@example.com', contactPhone: '+14155550123', operatingAddressSameAsRegistered: false },
      registeredAddress: { street1: '1 Market Street', city: 'San Francisco', state: 'AK', zipCode: '94105', country: 'USA' },
      operatingAddress: { street1: '1 Market Street', city: 'San Francisco', zipCode: '94105', country: 'USA' },
      companyClassification: { legalStructure: 'llc', coreIndustry: 'software_and_technology' },
      businessActivity: { description: 'Cross-border invoicing software for small exporters.', expectedMonthlyVolumeUsd: 0, sourceOfFunds: 'business_revenue' },
      compliance: { isRegulated: false },
      regulatoryHistory: { hasBeenDeniedBankAccount: false },
      certification: { termsAccepted: true, accurateInformation: true },
      documentIds: [docId],
      ownership: {
        persons: [
          { roles: ['beneficial_owner'], firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-04-12', nationality: 'USA', email: 'ops@example.com', ownershipPercentage: 25, address: { street1: '1 Market Street', city: 'San Francisco', country: 'USA', postalCode: '94105' }, documentIds: [docId] },
          { roles: ['legal_representative'], firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1985-04-12', title: 'Director', documentIds: [] },
        ],
      },
      clientReferenceId: `browser-${run}`,
    },
  });
  assert.equal(application.status, 202, JSON.stringify(application.body));
  const decision = await apiCall(key, 'POST', `/v2/sandbox/applications/${application.body.id}/simulate/decision`, { body: { outcome: 'approved' } });
  assert.equal(decision.status, 200, JSON.stringify(decision.body));

  await goTo('Webhooks');
  await page.locator('#endpoints-table tbody tr', { hasText: url }).waitFor();
  const filter = page.locator('#deliveries-filter');
  await filter.getByLabel('Status').selectOption('failed');
  const failedRows = page.locator('#deliveries-table tbody tr[data-status="failed"]');
  await eventually(async () => {
    await filter.getByRole('button', { name: 'Refresh' }).click();
    await failedRows.first().waitFor({ timeout: 500 });
  }, { timeout: 20_000, interval: 250 });
  assert.equal(await page.locator('#deliveries-table tbody tr:not([data-status="failed"])').count(), 0, 'the status filter applies');

  const row = failedRows.first();
  const deliveryId = await row.getAttribute('data-delivery-id');
  assert.match(deliveryId, /^wdl_/);
  assert.match((await cellTexts(row))[4], /^1 \/ 1$/);

  // A row opens its attempts; Escape closes the dialog.
  await row.locator('td').first().click();
  const details = page.getByRole('dialog', { name: `Delivery ${deliveryId}` });
  await details.waitFor({ state: 'visible' });
  const attempts = details.locator('#attempts-table tbody tr');
  assert.equal(await attempts.count(), 1);
  const [number, , httpStatus, error] = await cellTexts(attempts.first());
  assert.equal(number, '1');
  assert.equal(httpStatus, 'none', 'nothing answered on the closed port');
  assert.ok(error.length > 1, `the attempt records why it failed (${error})`);
  await page.keyboard.press('Escape');
  await details.waitFor({ state: 'hidden' });

  await row.getByRole('button', { name: `Retry delivery ${deliveryId}` }).click();
  await page.locator('#notice', { hasText: 'queued' }).waitFor();
  const retried = await eventually(async () => {
    const answer = await dashboard('GET', `/webhooks/deliveries/${deliveryId}`);
    assert.equal(answer.status, 200);
    assert.equal(answer.body.status, 'failed');
    assert.equal(answer.body.deliveryAttempts.length, 2);
    return answer.body;
  }, { timeout: 20_000, interval: 250 });
  assert.equal(retried.attempts, 2);
  await eventually(async () => {
    await filter.getByRole('button', { name: 'Refresh' }).click();
    const cells = await cellTexts(page.locator(`#deliveries-table tbody tr[data-delivery-id="${deliveryId}"]`));
    assert.equal(cells[4], '2 / 2');
  });
});

test('invite a user: the token signs up a second user into the same organization, once', { timeout: 60_000 }, async () => {
  await goTo('Team');
  const invite = page.locator('#invite-form');
  const email = `teammate-${run}@example.com`;
  await invite.getByLabel('Email').fill(email);
  await invite.getByRole('button', { name: 'Create invitation' }).click();
  const tokenInput = page.locator('#invite-result').getByLabel('Invitation token');
  await tokenInput.waitFor();
  const token = await tokenInput.inputValue();
  assert.ok(token.length >= 16, 'an invitation token is shown');

  const other = await browser.newContext({ viewport: DESKTOP, locale: 'en-US', timezoneId: 'UTC' });
  try {
    const teammate = await other.newPage();
    await teammate.goto(`${SANDBOX}/dashboard`);
    await teammate.getByRole('button', { name: 'Create account' }).first().click();
    const signup = teammate.locator('#signup-form');
    await signup.getByLabel('Email').fill(email);
    await signup.getByLabel('Password').fill('another long passphrase');
    await signup.getByLabel('Join with an invitation token').check();
    await signup.getByLabel('Invitation token', { exact: true }).fill(token);
    await signup.getByRole('button', { name: 'Create account' }).click();
    await teammate.locator('#org-name', { hasText: user.org }).waitFor();
    const joined = await dashboard('GET', '/session', { cookie: await cookieHeader(other) });
    assert.equal(joined.status, 200);
    assert.equal(joined.body.organization.id, shared.orgId);
    assert.equal(joined.body.user.email, email);
  } finally {
    await other.close();
  }

  const again = await fetch(`${SANDBOX}/dashboard/api/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `third-${run}@example.com`, password: 'yet another passphrase', invitationToken: token }),
  });
  assert.ok(again.status >= 400 && again.status < 500, `a used invitation is refused (${again.status})`);
});

test('sign out, then sign in again (a wrong password gets a generic message)', { timeout: 60_000 }, async () => {
  const oldCookie = await cookieHeader();
  await page.getByRole('button', { name: 'Sign out' }).click();
  const signin = page.locator('#signin-form');
  await signin.waitFor({ state: 'visible' });
  const stale = await dashboard('GET', '/session', { cookie: oldCookie });
  assert.equal(stale.status, 401, 'the signed-out session is gone on the server');
  assert.equal(stale.body.type, 'SESSION_REQUIRED');

  await signin.getByLabel('Email').fill(user.email);
  await signin.getByLabel('Password').fill('not the password');
  await signin.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#auth-notice', { hasText: 'The email or password is incorrect.' }).waitFor();

  await signin.getByLabel('Password').fill(user.password);
  await signin.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#org-name', { hasText: user.org }).waitFor();
  assert.equal((await session()).organization.id, shared.orgId);
});

test('screenshots of the keys list, the request log and a phone-width page', { timeout: 60_000 }, async () => {
  await page.setViewportSize(DESKTOP);
  await goTo('API keys');
  await keyRow('browser-rw').waitFor();
  await page.mouse.move(0, 0);
  await page.screenshot({ path: shot('keys.png') });

  await goTo('Request log');
  const filter = page.locator('#requests-filter');
  await filter.getByLabel('Status').selectOption('');
  await filter.getByLabel('Correlation id').fill('');
  await filter.getByRole('button', { name: 'Search' }).click();
  assert.ok(shared.correlationId, 'the request-log test ran');
  await page.locator('#requests-table tbody tr', { hasText: shared.correlationId }).waitFor();
  await page.screenshot({ path: shot('request-log.png') });

  const phone = await browser.newContext({
    viewport: PHONE, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'en-US', timezoneId: 'UTC',
    storageState: await context.storageState(),
  });
  try {
    const mobile = await phone.newPage();
    await mobile.goto(`${SANDBOX}/dashboard#keys`);
    await mobile.locator('#keys-table tbody tr').first().waitFor();
    const widths = await mobile.evaluate(() => {
      const wrap = document.querySelector('#section-keys .table-wrap');
      return { page: document.documentElement.scrollWidth, wrap: wrap.clientWidth, table: wrap.scrollWidth };
    });
    assert.ok(widths.page <= PHONE.width, `no horizontal page scroll at ${PHONE.width}px (${widths.page})`);
    assert.ok(widths.table > widths.wrap, 'the keys table scrolls inside its own box');
    await mobile.screenshot({ path: shot('mobile.png') });
  } finally {
    await phone.close();
  }

  for (const [name, size] of [['keys.png', DESKTOP], ['key-created.png', DESKTOP], ['request-log.png', DESKTOP],
    ['mobile.png', { width: PHONE.width * 2, height: PHONE.height * 2 }]]) {
    const file = shot(name);
    assert.ok((await stat(file)).mtimeMs >= RUN_STARTED - 2000, `${name} was written by this run`);
    assert.deepEqual(pngSize(await readFile(file)), size, `${name} dimensions`);
  }

  assert.deepEqual(pageErrors, [], 'no script error in the page');
  const foreign = requests.filter((r) => !r.url.startsWith(SANDBOX) && !r.url.startsWith('data:'));
  assert.deepEqual(foreign.map((r) => r.url), [], 'the page fetches nothing from outside the server');
});
