// The demo host app's own script: it configures the elements, drives them, and logs their events.
// No innerHTML anywhere: the page runs under `require-trusted-types-for 'script'`.
const $ = (id) => document.getElementById(id);

const inline = $('inline-execution');
const modal = $('modal-execution');
const notebook = $('notebook');
const form = $('params');

// ---- Event log -------------------------------------------------------------------------
const log = $('log');
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
const number = new Intl.NumberFormat();
const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
const PROBLEMS = new Set(['error', 'token-refresh-failed', 'session-ended', 'rerun() failed', 'runAll() failed']);

const paramsText = (params) =>
  Object.entries(params ?? {})
    .map(([name, value]) => `${name}=${value}`)
    .join(', ');

/** One line a person can read at a glance; the full detail is one click away. */
function summarize(type, detail) {
  if (!detail || typeof detail !== 'object') return '';
  switch (type) {
    case 'ready':
      return `handshake done · ${(detail.features ?? []).filter((f) => !f.startsWith('rpc:')).join(', ') || 'no features'}`;
    case 'token-refreshed':
      return detail.expiresAt ? `new token, valid until ${time.format(detail.expiresAt)}` : 'new token';
    case 'execution-run':
    case 'rerun() resolved': {
      const run = detail.data ?? detail;
      const invalid = run.stats?.invalidRows;
      return `${run.id} · ${run.status ?? 'started'}${invalid === undefined ? '' : ` · ${invalid} invalid rows`}`;
    }
    case 'parameter-change':
      return `${detail.name} = ${JSON.stringify(detail.value)}`;
    case 'run-all':
      return paramsText(detail.params);
    case 'runAll() resolved':
      return `${detail.rows} rows · ${number.format(detail.orders ?? 0)} orders · ${money.format(detail.revenue ?? 0)}`;
    case 'close':
      return `reason: ${detail.reason}`;
    case 'token-refresh-failed':
      return `attempt ${detail.attempt}: ${detail.message}`;
    default:
      return detail.code ? `${detail.code}: ${detail.message}` : '';
  }
}

function record(source, type, detail) {
  const item = document.createElement('li');
  item.dataset.event = type;
  item.dataset.source = source;
  if (PROBLEMS.has(type)) item.classList.add('problem');

  const when = document.createElement('time');
  const now = new Date();
  when.dateTime = now.toISOString();
  when.textContent = time.format(now);

  const name = document.createElement('span');
  name.className = 'event';
  name.textContent = type;

  const from = document.createElement('span');
  from.className = 'source';
  from.textContent = source;

  const body = document.createElement('div');
  body.className = 'detail';
  const summary = summarize(type, detail);
  if (detail !== undefined && Object.keys(detail ?? {}).length > 0) {
    const more = document.createElement('details');
    const label = document.createElement('summary');
    label.textContent = summary || 'detail';
    const json = document.createElement('pre');
    json.textContent = JSON.stringify(detail, null, 2);
    more.append(label, json);
    body.append(more);
  } else {
    body.textContent = summary;
  }

  item.append(when, name, from, body);
  log.prepend(item);
  $('log-empty').hidden = true;
}
$('clear-log').addEventListener('click', () => {
  log.replaceChildren();
  $('log-empty').hidden = false;
});

const EVENTS = [
  'ready',
  'close',
  'error',
  'execution-run',
  'parameter-change',
  'run-all',
  'token-refreshed',
  'token-refresh-failed',
  'session-ended',
];
for (const [element, name] of [
  [inline, 'inline execution'],
  [modal, 'dialog execution'],
  [notebook, 'notebook'],
]) {
  for (const type of EVENTS) element.addEventListener(type, (event) => record(name, type, event.detail));
}

// ---- View settings: language and theme, applied live (no reload, no new handshake) ----------
const embeds = [inline, modal, notebook];
$('language').addEventListener('change', (event) => {
  for (const element of embeds) element.language = event.target.value;
});
$('theme').addEventListener('change', (event) => {
  // The embeds keep theme="auto": they follow this page's color-scheme.
  const theme = event.target.value;
  if (theme === 'auto') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
  document.documentElement.style.colorScheme = theme === 'auto' ? '' : theme;
});

// ---- Status pills: what a person sees while the embeds load --------------------------------
const LABELS = {
  idle: 'Not connected',
  loading: 'Loading…',
  authenticating: 'Signing in…',
  ready: 'Live',
  error: 'Unavailable',
};
function showState(element, pill) {
  const update = () => {
    const state = element.getAttribute('state') ?? 'loading';
    pill.dataset.state = state;
    pill.textContent = LABELS[state] ?? state;
    pill.title = state === 'error' ? 'The embedded view could not be loaded: see the message below it.' : '';
  };
  new MutationObserver(update).observe(element, { attributes: true, attributeFilter: ['state'] });
  update();
}
showState(inline, $('execution-status'));
showState(notebook, $('notebook-status'));

// ---- Configuration: from the app's own server, so nothing is hard-coded in the page ----------
let config;
try {
  const response = await fetch('/config.json');
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  config = await response.json();
} catch (error) {
  for (const pill of [$('execution-status'), $('notebook-status')]) {
    pill.dataset.state = 'error';
    pill.textContent = 'Offline';
  }
  notice(`The Data Hub server did not answer (${error.message}). Is npm start still running?`, 'error');
  throw error;
}
$('platform-origin').textContent = `Platform: ${config.platformUrl}`;

// The page's HTML names the host app's own token endpoint (`token-url`: the license key and the
// notebook secret stay on its server); where the platform is and what to show come from config.
for (const element of [inline, modal]) {
  element.platformUrl = config.platformUrl;
  element.executionId = config.executionId;
}
const formParams = () => ({
  region: form.region.value,
  minAmount: Number(form.minAmount.value) || 0,
  from: form.from.value,
  to: form.to.value,
});
notebook.params = formParams();
notebook.src = `${config.platformUrl}/embed/notebooks/${config.integrationId}`;

// ---- Execution: re-runs, closing, the dialog ------------------------------------------------
function notice(text, kind = 'info') {
  const line = $('execution-notice');
  line.textContent = text;
  line.dataset.kind = kind;
  line.hidden = false;
}

/** A re-run that already failed is news in red, never in green. */
function announceRun(run, where = '') {
  const status = String(run?.status ?? 'queued').toLowerCase();
  if (status === 'failed') notice(`Re-run ${run?.id}${where} failed: open it to see why.`, 'error');
  else notice(`Re-run started${where} as ${run?.id}: ${status}.`, 'success');
}
inline.addEventListener('execution-run', (event) => announceRun(event.detail.data));
modal.addEventListener('execution-run', (event) => announceRun(event.detail.data, ' from the dialog'));

// The embed's own Cancel / X: an inline view folds away, and can come back.
inline.addEventListener('close', () => {
  $('inline-slot').hidden = true;
  $('inline-closed').hidden = false;
});
$('reopen').addEventListener('click', () => {
  $('inline-closed').hidden = true;
  $('inline-slot').hidden = false;
});

$('open-modal').addEventListener('click', () => modal.show());

async function busy(button, work) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    await work();
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

$('rerun').addEventListener('click', (event) =>
  busy(event.currentTarget, async () => {
    try {
      const run = await inline.rerun();
      record('host app', 'rerun() resolved', {
        id: run?.id,
        status: run?.status,
        sourceExecutionId: run?.sourceExecutionId,
        stats: run?.stats,
      });
      announceRun(run);
    } catch (error) {
      record('host app', 'rerun() failed', { code: error.code, message: error.message });
      notice(`The re-run failed: ${error.message}`, 'error');
    }
  }),
);

// ---- Notebook: the host's own parameter form --------------------------------------------
/** From after To selects nothing: say so at the fields instead of sending it. */
function checkRange() {
  const invalid = form.from.value && form.to.value && form.from.value > form.to.value;
  $('range-error').hidden = !invalid;
  for (const field of [form.from, form.to]) field.setAttribute('aria-invalid', invalid ? 'true' : 'false');
  return !invalid;
}
form.from.addEventListener('change', checkRange);
form.to.addEventListener('change', checkRange);
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!checkRange()) return form.from.focus();
  notebook.setParameters(formParams());
});
notebook.addEventListener('parameter-change', (event) => {
  const { name, value } = event.detail;
  const field = form.elements.namedItem(name);
  if (field) field.value = String(value); // keep the host form in sync with the notebook
});
$('run-all').addEventListener('click', (event) =>
  busy(event.currentTarget, async () => {
    try {
      const result = await notebook.runAll();
      record('host app', 'runAll() resolved', {
        params: result?.params,
        rows: result?.rows?.length ?? 0,
        orders: result?.totals?.orders,
        revenue: result?.totals?.revenue,
      });
    } catch (error) {
      record('host app', 'runAll() failed', { code: error.code, message: error.message });
    }
  }),
);
