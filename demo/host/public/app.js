// The demo host app's own script: it configures the elements, drives them, and logs their events.
// No innerHTML anywhere: the page runs under `require-trusted-types-for 'script'`.
const $ = (id) => document.getElementById(id);
const config = await (await fetch('/config.json')).json();

const inline = $('inline-execution');
const modal = $('modal-execution');
const notebook = $('notebook');

for (const element of [inline, modal]) {
  element.platformUrl = config.platformUrl;
  element.executionId = config.executionId;
}
notebook.src = `${config.platformUrl}/embed/notebooks/${config.integrationId}`;

// ---- Event log -------------------------------------------------------------------------
const log = $('log');
function record(source, type, detail) {
  const item = document.createElement('li');
  if (type === 'error' || type === 'token-refresh-failed') item.className = 'error';
  const cells = [new Date().toLocaleTimeString(), type, source, detail === undefined ? '' : JSON.stringify(detail, null, 1)];
  ['time', 'event', 'source', 'detail'].forEach((name, i) => {
    const cell = document.createElement('span');
    cell.className = name;
    cell.textContent = cells[i];
    item.append(cell);
  });
  log.prepend(item);
}
$('clear-log').addEventListener('click', () => log.replaceChildren());

const EVENTS = ['ready', 'close', 'error', 'execution-run', 'parameter-change', 'run-all', 'token-refreshed', 'token-refresh-failed', 'session-ended'];
for (const [element, name] of [[inline, 'inline execution'], [modal, 'dialog execution'], [notebook, 'notebook']]) {
  for (const type of EVENTS) element.addEventListener(type, (event) => record(name, type, event.detail));
}

// ---- Status lines: what a person sees while the embeds load --------------------------------
function showState(element, line, labels) {
  const update = () => {
    const state = element.getAttribute('state') ?? 'loading';
    line.dataset.state = state;
    line.textContent = labels[state] ?? state;
  };
  new MutationObserver(update).observe(element, { attributes: true, attributeFilter: ['state'] });
  update();
}
showState(inline, $('execution-status'), {
  idle: 'Waiting…',
  loading: 'Loading the execution…',
  authenticating: 'Signing in to the platform…',
  ready: 'Connected to the platform.',
  error: 'The execution could not be shown — see the message below.',
});
showState(notebook, $('notebook-status'), {
  idle: 'Waiting…',
  loading: 'Loading the notebook…',
  authenticating: 'Signing in…',
  ready: 'Notebook connected.',
  error: 'The notebook could not be loaded.',
});

// ---- Execution: re-run events, the dialog -------------------------------------------------
inline.addEventListener('execution-run', (event) => {
  $('execution-status').textContent = `Re-run started: execution ${event.detail.data.id} (${event.detail.data.status ?? 'queued'}).`;
});
$('open-modal').addEventListener('click', () => modal.show());
$('rerun').addEventListener('click', async () => {
  try {
    const execution = await inline.rerun();
    record('host', 'rerun() resolved', { id: execution?.id, status: execution?.status });
  } catch (error) {
    record('host', 'rerun() rejected', { code: error.code, message: error.message });
  }
});

// ---- Notebook: the host's own parameter form --------------------------------------------
const form = $('params');
const formParams = () => ({ region: form.region.value, minAmount: Number(form.minAmount.value) });
notebook.params = formParams();
form.addEventListener('submit', (event) => {
  event.preventDefault();
  notebook.setParameters(formParams());
});
notebook.addEventListener('parameter-change', (event) => {
  const { name, value } = event.detail;
  if (name in form.elements) form.elements[name].value = String(value); // keep the host form in sync
});
$('run-all').addEventListener('click', async () => {
  try {
    const result = await notebook.runAll();
    record('host', 'runAll() resolved', result && typeof result === 'object' ? { rows: result.rows?.length ?? result.rows } : result);
  } catch (error) {
    record('host', 'runAll() rejected', { code: error.code, message: error.message });
  }
});
