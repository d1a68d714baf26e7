// Conduit dashboard: plain JavaScript, no dependency, nothing fetched from outside this server.
// It talks only to the session-authenticated management API under /dashboard/api/ (docs/dashboard-api.md).
// Every state-changing request carries the X-CSRF-Token header of the session.
'use strict';

(() => {
  const API = '/dashboard/api';
  const SECTIONS = ['keys', 'team', 'webhooks', 'requests'];
  const ACCESS_NAMES = { read_only: 'Read-only', read_write: 'Read-write' };
  const ENV_NAMES = { sandbox: 'Sandbox', production: 'Live' };
  const LIVE_NOTE = 'Live is available once your organization is activated (conduit org activate)';

  const state = {
    session: null,
    section: 'keys',
    endpoints: [],
    openDeliveryId: null,
    loadSeq: 0,
  };

  const $ = (id) => document.getElementById(id);

  // ---------------------------------------------------------------- DOM helpers (no innerHTML)

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    if (props) {
      for (const [name, value] of Object.entries(props)) {
        if (value === undefined || value === null || value === false) continue;
        if (name === 'class') node.className = value;
        else if (name === 'text') node.textContent = value;
        else if (name === 'dataset') Object.assign(node.dataset, value);
        else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
        else node.setAttribute(name, value === true ? '' : String(value));
      }
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function show(node, visible) { node.hidden = !visible; }

  // Local time as 2025-01-31 17:59:03 (compact and unambiguous); the full ISO timestamp is the title.
  const pad = (n) => String(n).padStart(2, '0');
  function formatTime(date) {
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
      + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  }

  function timeCell(iso, emptyText = '—') {
    if (!iso) return el('span', { class: 'muted', text: emptyText });
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return el('span', { text: String(iso) });
    return el('time', { datetime: iso, title: iso, text: formatTime(date) });
  }

  function formatLatency(ms) {
    const n = Number(ms);
    if (!Number.isFinite(n)) return '—';
    return `${Number.isInteger(n) ? n : n.toFixed(1)} ms`;
  }

  function envName(env) { return ENV_NAMES[env] || String(env); }
  function accessName(access) { return ACCESS_NAMES[access] || String(access); }
  function keyMask(key) { return `${key.keyPrefix || ''}…${key.keyLast4 || ''}`; }

  function statusClass(status) {
    const n = Number(status);
    if (n >= 500) return 'badge bad';
    if (n >= 400) return 'badge warn';
    if (n >= 200 && n < 300) return 'badge good';
    return 'badge';
  }

  function deliveryStatusClass(status) {
    return { succeeded: 'badge good', failed: 'badge bad', pending: 'badge warn', processing: 'badge info' }[status] || 'badge';
  }

  // ---------------------------------------------------------------- API

  class ApiError extends Error {
    constructor(status, problem) {
      const p = problem && typeof problem === 'object' ? problem : {};
      super(p.detail || p.title || `The server answered ${status}.`);
      this.status = status;
      this.type = p.type || null;
      this.problem = p;
    }

    describe() {
      const p = this.problem;
      let text = p.detail || p.title || this.message;
      if (Array.isArray(p.errors) && p.errors.length) {
        const parts = p.errors.map((e) => {
          const field = typeof e.pointer === 'string' ? e.pointer.replace(/^\/(query\/|path\/|header\/)?/, '') : '';
          return field ? `${field}: ${e.detail}` : e.detail;
        });
        text += ` (${parts.join('; ')})`;
      }
      if (p.correlationId) text += ` [correlation id ${p.correlationId}]`;
      return text;
    }
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json, application/problem+json' };
    const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (method !== 'GET' && method !== 'HEAD' && state.session && state.session.csrfToken) {
      headers['X-CSRF-Token'] = state.session.csrfToken;
    }
    let response;
    try {
      response = await fetch(API + path, init);
    } catch (e) {
      throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached.' });
    }
    const text = response.status === 204 ? '' : await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (!response.ok) {
      const error = new ApiError(response.status, data);
      if (response.status === 401 && error.type === 'SESSION_REQUIRED' && state.session) {
        sessionEnded('Your session has ended. Please sign in again.');
      }
      throw error;
    }
    return data;
  }

  function query(params) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined && value !== null && value !== '') search.set(name, value);
    }
    const text = search.toString();
    return text ? `?${text}` : '';
  }

  // ---------------------------------------------------------------- notices

  function setNotice(node, message, kind) {
    node.textContent = '';
    if (!message) { show(node, false); return; }
    node.className = `notice ${kind || 'error'}`;
    node.setAttribute('role', kind === 'success' ? 'status' : 'alert');
    node.append(el('span', { text: message }));
    show(node, true);
  }

  function notify(message, kind) { setNotice($('notice'), message, kind); }
  function notifyError(error) { notify(error instanceof ApiError ? error.describe() : String(error.message || error), 'error'); }

  // ---------------------------------------------------------------- dialogs

  function confirmDialog({ title, text, confirmLabel }) {
    const dialog = $('confirm-dialog');
    $('confirm-title').textContent = title;
    $('confirm-text').textContent = text;
    $('confirm-ok').textContent = confirmLabel;
    dialog.returnValue = '';
    return new Promise((resolve) => {
      dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
      dialog.showModal();
      $('confirm-cancel').focus();
    });
  }

  async function copyText(text, statusNode) {
    try {
      if (!navigator.clipboard || !window.isSecureContext) throw new Error('clipboard unavailable');
      await navigator.clipboard.writeText(text);
      statusNode.textContent = 'Copied to the clipboard.';
      return true;
    } catch (e) {
      statusNode.textContent = 'Copying is not available here: select the text and copy it yourself.';
      return false;
    }
  }

  // ---------------------------------------------------------------- views

  function showAuth(message) {
    state.session = null;
    show($('loading'), false);
    show($('app-view'), false);
    show($('auth-view'), true);
    setNotice($('auth-notice'), message || '', 'error');
    for (const id of ['key-dialog', 'confirm-dialog', 'delivery-dialog']) {
      if ($(id).open) $(id).close();
    }
    $('key-secret').value = '';
    document.title = 'Sign in · Conduit dashboard';
  }

  function sessionEnded(message) { showAuth(message); }

  function chooseAuthTab(which) {
    const signup = which === 'signup';
    $('show-signin').setAttribute('aria-pressed', String(!signup));
    $('show-signup').setAttribute('aria-pressed', String(signup));
    show($('signin-panel'), !signup);
    show($('signup-panel'), signup);
    setNotice($('auth-notice'), '');
  }

  function applySession(session) {
    const previousEnv = state.session && state.session.environment;
    state.session = session;
    show($('loading'), false);
    show($('auth-view'), false);
    show($('app-view'), true);

    const org = session.organization || {};
    const activated = org.production && org.production.status === 'active';
    $('org-name').textContent = org.name || '';
    $('org-name').title = org.id || '';
    $('user-email').textContent = (session.user && session.user.email) || '';

    const live = $('env-live');
    live.disabled = !activated;
    $('env-live-note').textContent = '';
    $('env-live-note').append(
      'Live is available once your organization is activated (', el('code', { text: 'conduit org activate' }), ')');
    show($('env-live-note'), !activated);
    $('env-sandbox').checked = session.environment !== 'production';
    live.checked = session.environment === 'production';
    $('env-toggle').classList.toggle('is-live', session.environment === 'production');

    const banner = $('env-banner');
    banner.className = `env-banner ${session.environment === 'production' ? 'live' : 'sandbox'}`;
    banner.textContent = session.environment === 'production'
      ? 'Live: keys, webhooks and requests of production. Changes affect real traffic.'
      : 'Sandbox: test data only. Nothing here touches real money.';

    document.title = `${org.name || 'Conduit'} · ${envName(session.environment)} · Conduit dashboard`;
    return previousEnv !== session.environment;
  }

  function routeFromHash() {
    const name = (location.hash || '').replace(/^#/, '');
    return SECTIONS.includes(name) ? name : 'keys';
  }

  function showSection(name) {
    state.section = name;
    for (const section of SECTIONS) show($(`section-${section}`), section === name);
    for (const link of document.querySelectorAll('nav.sections a')) {
      if (link.dataset.section === name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    loadSection();
  }

  function loadSection() {
    if (!state.session) return Promise.resolve();
    switch (state.section) {
      case 'keys': return loadKeys();
      case 'webhooks': return loadWebhooks();
      case 'requests': return loadRequests();
      default: return Promise.resolve();
    }
  }

  // ---------------------------------------------------------------- session

  async function refreshSession() {
    try {
      const session = await api('GET', '/session');
      const changed = applySession(session);
      return changed;
    } catch (error) {
      if (error.status === 401) showAuth();
      else if (state.session) notifyError(error);
      else showAuth(error instanceof ApiError ? error.describe() : 'The dashboard could not start.');
      return false;
    }
  }

  async function signedIn(session) {
    applySession(session);
    notify('');
    if (!location.hash) history.replaceState(null, '', '#keys');
    showSection(routeFromHash());
  }

  function formValues(form) { return Object.fromEntries(new FormData(form).entries()); }

  async function onSignin(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const session = await api('POST', '/signin', { email: values.email.trim(), password: values.password });
      form.reset();
      await signedIn(session);
    } catch (error) {
      setNotice($('auth-notice'), error instanceof ApiError ? error.describe() : String(error), 'error');
    } finally {
      button.disabled = false;
    }
  }

  async function onSignup(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const body = { email: (values.email || '').trim(), password: values.password || '' };
    if (values.mode === 'join') body.invitationToken = (values.invitationToken || '').trim();
    else body.organizationName = (values.organizationName || '').trim();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const session = await api('POST', '/signup', body);
      form.reset();
      syncSignupMode();
      await signedIn(session);
    } catch (error) {
      setNotice($('auth-notice'), error instanceof ApiError ? error.describe() : String(error), 'error');
    } finally {
      button.disabled = false;
    }
  }

  function syncSignupMode() {
    const join = $('signup-form').elements.mode.value === 'join';
    show($('signup-org-field'), !join);
    show($('signup-invitation-field'), join);
    $('signup-organization').required = !join;
    $('signup-invitation').required = join;
  }

  async function onSignout() {
    try {
      await api('POST', '/signout');
    } catch (error) {
      if (error.status !== 401) { notifyError(error); return; }
    }
    history.replaceState(null, '', location.pathname);
    showAuth();
    chooseAuthTab('signin');
    $('signin-email').focus();
  }

  async function onEnvironmentChange(event) {
    const environment = event.target.value;
    if (!state.session || environment === state.session.environment) return;
    try {
      const session = await api('PUT', '/session/environment', { environment });
      applySession(session);
      notify(`Switched to ${envName(session.environment)}.`, 'success');
      loadSection();
    } catch (error) {
      // Put the toggle back where the session is.
      $('env-sandbox').checked = state.session.environment !== 'production';
      $('env-live').checked = state.session.environment === 'production';
      if (error.type === 'ENVIRONMENT_NOT_ACTIVATED') notify(LIVE_NOTE, 'error');
      else notifyError(error);
      refreshSession();
    }
  }

  // ---------------------------------------------------------------- API keys

  async function loadKeys() {
    const seq = ++state.loadSeq;
    try {
      const result = await api('GET', '/keys');
      if (seq !== state.loadSeq) return;
      renderKeys((result && result.data) || []);
    } catch (error) {
      if (seq === state.loadSeq) notifyError(error);
    }
  }

  function renderKeys(keys) {
    const body = $('keys-table').querySelector('tbody');
    body.replaceChildren(...keys.map((key) => {
      const name = key.label || keyMask(key);
      const revoked = Boolean(key.revokedAt);
      return el('tr', { dataset: { keyId: key.id }, class: revoked ? 'is-revoked' : null },
        el('td', null, key.label ? el('span', { text: key.label }) : el('span', { class: 'muted', text: '(no label)' })),
        el('td', null, el('span', { class: `badge ${key.environment === 'production' ? 'live' : 'info'}`, text: envName(key.environment) })),
        el('td', { text: accessName(key.access) }),
        el('td', null, el('code', { class: 'key-mask', text: keyMask(key) })),
        el('td', null, timeCell(key.createdAt)),
        el('td', null, timeCell(key.lastUsedAt, 'Never')),
        el('td', null, revoked ? timeCell(key.revokedAt) : el('span', { class: 'badge good', text: 'Active' })),
        el('td', { class: 'actions-cell' }, revoked ? null : el('div', { class: 'row-actions' }, el('button', {
          type: 'button', class: 'danger small', 'aria-label': `Revoke key ${name}`, text: 'Revoke',
          onclick: () => revokeKey(key),
        }))));
    }));
    show($('keys-empty'), keys.length === 0);
  }

  async function onCreateKey(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const values = formValues(form);
    const body = { access: values.access || 'read_only' };
    const label = (values.label || '').trim();
    if (label) body.label = label;
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const key = await api('POST', '/keys', body);
      form.reset();
      $('key-access').value = 'read_only';
      showCreatedKey(key);
      loadKeys();
    } catch (error) {
      notifyError(error);
    } finally {
      button.disabled = false;
    }
  }

  function showCreatedKey(key) {
    $('key-dialog-label').textContent = key.label || '(no label)';
    $('key-dialog-env').textContent = envName(key.environment);
    $('key-dialog-access').textContent = accessName(key.access);
    $('key-secret').value = key.key || '';
    $('key-copy-status').textContent = '';
    const dialog = $('key-dialog');
    dialog.showModal();
    $('key-secret').focus();
    $('key-secret').select();
  }

  async function revokeKey(key) {
    const name = key.label ? `“${key.label}” (${keyMask(key)})` : keyMask(key);
    const confirmed = await confirmDialog({
      title: 'Revoke this key?',
      text: `The API refuses ${name} from its next request on. This cannot be undone.`,
      confirmLabel: 'Revoke key',
    });
    if (!confirmed) return;
    try {
      await api('POST', `/keys/${encodeURIComponent(key.id)}/revoke`);
      notify(`Key ${key.label || keyMask(key)} revoked.`, 'success');
    } catch (error) {
      notifyError(error);
    }
    await loadKeys();
  }

  // ---------------------------------------------------------------- team

  async function onInvite(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const email = (formValues(form).email || '').trim();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    try {
      const invitation = await api('POST', '/invitations', { email });
      $('invite-result-email').textContent = invitation.email;
      $('invite-result-expires').replaceChildren(timeCell(invitation.expiresAt));
      $('invite-token').value = invitation.invitationToken;
      $('invite-copy-status').textContent = '';
      show($('invite-result'), true);
      form.reset();
      $('invite-token').focus();
      $('invite-token').select();
    } catch (error) {
      notifyError(error);
    } finally {
      button.disabled = false;
    }
  }

  // ---------------------------------------------------------------- webhooks

  function endpointName(id) {
    const endpoint = state.endpoints.find((e) => e.id === id);
    return endpoint ? endpoint.url : id;
  }

  async function loadWebhooks() {
    const seq = ++state.loadSeq;
    try {
      const endpoints = await api('GET', '/webhooks/endpoints');
      if (seq !== state.loadSeq) return;
      state.endpoints = (endpoints && endpoints.data) || [];
      renderEndpoints(state.endpoints);
      await loadDeliveries(seq);
    } catch (error) {
      if (seq === state.loadSeq) notifyError(error);
    }
  }

  function renderEndpoints(endpoints) {
    $('endpoints-table').querySelector('tbody').replaceChildren(...endpoints.map((endpoint) => {
      const sub = endpoint.subscription || {};
      const events = sub.mode === 'selected' ? (sub.eventTypes || []).join(', ') : 'All events';
      return el('tr', { dataset: { endpointId: endpoint.id } },
        el('td', { class: 'wrap' }, el('code', { text: endpoint.url })),
        el('td', null, endpoint.description ? endpoint.description : el('span', { class: 'muted', text: '—' })),
        el('td', null, el('span', { class: endpoint.active ? 'badge good' : 'badge', text: endpoint.active ? 'Active' : 'Disabled' })),
        el('td', { text: events }),
        el('td', null, timeCell(endpoint.createdAt)),
        el('td', null, el('code', { text: endpoint.id })));
    }));
    show($('endpoints-empty'), endpoints.length === 0);

    const select = $('deliveries-endpoint');
    const current = select.value;
    select.replaceChildren(el('option', { value: '', text: 'All endpoints' }),
      ...endpoints.map((e) => el('option', { value: e.id, text: e.url })));
    select.value = endpoints.some((e) => e.id === current) ? current : '';
  }

  async function loadDeliveries(seq = ++state.loadSeq) {
    const filter = formValues($('deliveries-filter'));
    try {
      const deliveries = await api('GET', `/webhooks/deliveries${query({ endpointId: filter.endpointId, status: filter.status })}`);
      if (seq !== state.loadSeq) return;
      renderDeliveries((deliveries && deliveries.data) || []);
    } catch (error) {
      if (seq === state.loadSeq) notifyError(error);
    }
  }

  function renderDeliveries(deliveries) {
    $('deliveries-table').querySelector('tbody').replaceChildren(...deliveries.map((delivery) => {
      const actions = el('td', { class: 'actions-cell' }, el('div', { class: 'row-actions' },
        el('button', {
          type: 'button', class: 'secondary small', text: 'Attempts',
          'aria-label': `Attempts of delivery ${delivery.id}`,
          onclick: (event) => { event.stopPropagation(); openDelivery(delivery.id); },
        }),
        delivery.status === 'failed' ? el('button', {
          type: 'button', class: 'primary small', text: 'Retry',
          'aria-label': `Retry delivery ${delivery.id}`,
          onclick: (event) => { event.stopPropagation(); retryDelivery(delivery.id); },
        }) : null));
      return el('tr', {
        dataset: { deliveryId: delivery.id, status: delivery.status },
        onclick: () => openDelivery(delivery.id),
      },
      el('td', null, timeCell(delivery.createdAt)),
      el('td', null, el('code', { text: delivery.eventType })),
      el('td', { class: 'wrap' }, endpointName(delivery.endpointId)),
      el('td', null, el('span', { class: deliveryStatusClass(delivery.status), text: delivery.status })),
      el('td', { class: 'num', text: `${delivery.attempts} / ${delivery.maxAttempts}` }),
      el('td', null, timeCell(delivery.nextAttemptAt)),
      actions);
    }));
    show($('deliveries-empty'), deliveries.length === 0);
  }

  async function openDelivery(id) {
    state.openDeliveryId = id;
    setNotice($('delivery-dialog-notice'), '');
    try {
      const delivery = await api('GET', `/webhooks/deliveries/${encodeURIComponent(id)}`);
      renderDelivery(delivery);
      const dialog = $('delivery-dialog');
      if (!dialog.open) dialog.showModal();
    } catch (error) {
      notifyError(error);
    }
  }

  function renderDelivery(delivery) {
    $('delivery-dialog-title').textContent = `Delivery ${delivery.id}`;
    const facts = [
      ['Event', el('code', { text: `${delivery.eventType} (${delivery.eventId})` })],
      ['Endpoint', endpointName(delivery.endpointId)],
      ['Status', el('span', { class: deliveryStatusClass(delivery.status), text: delivery.status })],
      ['Attempts', `${delivery.attempts} / ${delivery.maxAttempts}`],
      ['Next attempt', timeCell(delivery.nextAttemptAt)],
      ['Created', timeCell(delivery.createdAt)],
    ];
    $('delivery-facts').replaceChildren(...facts.flatMap(([name, value]) => [el('dt', { text: name }), el('dd', null, value)]));
    const attempts = delivery.deliveryAttempts || [];
    $('attempts-table').querySelector('tbody').replaceChildren(...attempts.map((attempt) => el('tr', null,
      el('td', { class: 'num', text: attempt.attemptNumber }),
      el('td', null, timeCell(attempt.createdAt)),
      el('td', null, attempt.statusCode === null || attempt.statusCode === undefined
        ? el('span', { class: 'muted', text: 'none' })
        : el('span', { class: statusClass(attempt.statusCode), text: attempt.statusCode })),
      el('td', { class: 'wrap' }, attempt.error || el('span', { class: 'muted', text: '—' })),
      el('td', { class: 'num', text: `${attempt.durationMs} ms` }),
      el('td', { class: 'wrap' }, attempt.responseBody
        ? el('details', null, el('summary', { text: `${attempt.responseBody.length} characters` }), el('pre', { text: attempt.responseBody }))
        : el('span', { class: 'muted', text: '—' })))));
    show($('attempts-empty'), attempts.length === 0);
    const retry = $('delivery-retry');
    show(retry, delivery.status === 'failed');
    retry.dataset.deliveryId = delivery.id;
  }

  async function retryDelivery(id) {
    try {
      await api('POST', `/webhooks/deliveries/${encodeURIComponent(id)}/retry`);
      notify(`Delivery ${id} queued for one more attempt.`, 'success');
      if ($('delivery-dialog').open && state.openDeliveryId === id) {
        setNotice($('delivery-dialog-notice'), 'Queued for one more attempt.', 'success');
        const delivery = await api('GET', `/webhooks/deliveries/${encodeURIComponent(id)}`);
        renderDelivery(delivery);
      }
    } catch (error) {
      if ($('delivery-dialog').open) setNotice($('delivery-dialog-notice'), error instanceof ApiError ? error.describe() : String(error), 'error');
      else notifyError(error);
    }
    await loadDeliveries();
  }

  // ---------------------------------------------------------------- request log

  async function loadRequests() {
    const seq = ++state.loadSeq;
    const filter = formValues($('requests-filter'));
    try {
      const result = await api('GET', `/requests${query({ status: filter.status, correlationId: (filter.correlationId || '').trim() })}`);
      if (seq !== state.loadSeq) return;
      renderRequests((result && result.data) || []);
    } catch (error) {
      if (seq === state.loadSeq) notifyError(error);
    }
  }

  function renderRequests(entries) {
    $('requests-table').querySelector('tbody').replaceChildren(...entries.map((entry) => el('tr', {
      dataset: { correlationId: entry.correlationId || '' },
    },
    el('td', null, timeCell(entry.time)),
    el('td', null, el('span', { class: 'method', text: entry.method })),
    el('td', { class: 'wrap path' }, el('code', { text: entry.path })),
    el('td', null, el('span', { class: statusClass(entry.status), text: entry.status })),
    el('td', null, entry.keyLabel ? entry.keyLabel
      : (entry.keyId ? el('code', { text: entry.keyId }) : el('span', { class: 'muted', text: '—' }))),
    el('td', { class: 'ids' },
      entry.correlationId ? el('code', { class: 'id', title: 'x-correlation-id', text: entry.correlationId }) : el('span', { class: 'muted', text: '—' }),
      entry.clientCorrelationId ? el('div', { class: 'client-id' },
        el('span', { class: 'muted', text: 'client: ' }),
        el('code', { class: 'id', title: 'x-client-correlation-id', text: entry.clientCorrelationId })) : null),
    el('td', { class: 'num', text: formatLatency(entry.latencyMs) }))));
    show($('requests-empty'), entries.length === 0);
  }

  // ---------------------------------------------------------------- wiring

  function init() {
    $('show-signin').addEventListener('click', () => { chooseAuthTab('signin'); $('signin-email').focus(); });
    $('show-signup').addEventListener('click', () => { chooseAuthTab('signup'); $('signup-email').focus(); });
    $('signin-form').addEventListener('submit', onSignin);
    $('signup-form').addEventListener('submit', onSignup);
    for (const radio of $('signup-form').elements.mode) radio.addEventListener('change', syncSignupMode);
    syncSignupMode();

    $('signout').addEventListener('click', onSignout);
    $('env-sandbox').addEventListener('change', onEnvironmentChange);
    $('env-live').addEventListener('change', onEnvironmentChange);

    $('key-form').addEventListener('submit', onCreateKey);
    $('key-copy').addEventListener('click', () => copyText($('key-secret').value, $('key-copy-status')));
    // The secret leaves the page as soon as the dialog closes.
    $('key-dialog').addEventListener('close', () => { $('key-secret').value = ''; $('key-copy-status').textContent = ''; });

    $('invite-form').addEventListener('submit', onInvite);
    $('invite-copy').addEventListener('click', () => copyText($('invite-token').value, $('invite-copy-status')));

    $('deliveries-filter').addEventListener('submit', (event) => { event.preventDefault(); loadDeliveries(); });
    for (const id of ['deliveries-status', 'deliveries-endpoint']) $(id).addEventListener('change', () => loadDeliveries());
    $('delivery-retry').addEventListener('click', (event) => retryDelivery(event.currentTarget.dataset.deliveryId));
    $('delivery-dialog').addEventListener('close', () => { state.openDeliveryId = null; });

    $('requests-filter').addEventListener('submit', (event) => { event.preventDefault(); loadRequests(); });
    $('requests-status').addEventListener('change', () => loadRequests());

    window.addEventListener('hashchange', () => { if (state.session) showSection(routeFromHash()); });
    // Pick up changes made elsewhere (an activation, a session that ended) when the tab comes back.
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible' && state.session) {
        refreshSession().then((changed) => { if (changed) loadSection(); });
      }
    });

    startup();
  }

  async function startup() {
    try {
      const session = await api('GET', '/session');
      await signedIn(session);
    } catch (error) {
      showAuth();
      chooseAuthTab('signin');
      if (error.status !== 401) {
        setNotice($('auth-notice'), error instanceof ApiError ? error.describe() : 'The dashboard could not start.', 'error');
      }
    }
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
