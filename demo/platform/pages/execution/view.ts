import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Execution, ExecutionRow } from '../../model/executions.js';
import { describeError, type ApiClient } from '../lib/api.js';
import type { I18n } from '../lib/i18n.js';
import { baseStyles } from '../lib/styles.js';
import { BoxWidth } from '../lib/width.js';
import { fetchExecution, isLive, POLL_LIMIT, pollDelay, rerunExecution, saveCell, withRow } from './data.js';
import type { ExecutionStringId } from './strings.js';
import { executionStyles } from './styles.js';
import { delivery, logs, output, problem, rowsTable, summary } from './templates.js';
import { timeline, timelineStyles } from './timeline.js';

type Phase = 'waiting' | 'loading' | 'ready' | 'error';

/** What the page tells the host about; wired to the guest runtime's `emit` by the entry module. */
export interface ExecutionViewEvents {
  close(): void;
  executionRun(execution: Execution): void;
  error(code: string, message: string): void;
}

/**
 * The execution page: status, step timeline, logs and the invalid rows as an editable table.
 * Editing a cell saves it (PATCH) when it loses focus, so the field's error updates right away;
 * Re-run saves what is left and asks the platform for a new execution of the fixed rows.
 * Data calls are in data.ts, markup in templates.ts, styles in styles.ts.
 */
export class ExecutionView extends LitElement {
  static override styles = [baseStyles, timelineStyles, executionStyles];

  static override properties = {
    phase: { state: true },
    execution: { state: true },
    failure: { state: true },
    feedback: { state: true },
    busy: { state: true },
    saving: { state: true },
    saveErrors: { state: true },
    modal: { state: true },
  };

  declare phase: Phase;
  declare execution: Execution | undefined;
  /** Why loading failed. */
  declare failure: { code: string; message: string } | undefined;
  /** The outcome of the last re-run, shown next to the Re-run button. */
  declare feedback: { kind: 'ok' | 'error'; text: string; detail?: { code: string; message: string } } | undefined;
  declare busy: boolean;
  /** Row ids with a PATCH in flight. */
  declare saving: ReadonlySet<string>;
  /** Row id -> why its last save failed. */
  declare saveErrors: ReadonlyMap<string, string>;
  /** Shown in the host's dialog (SET_SETTINGS `modal`): the host's X closes it, so no X of our own. */
  declare modal: boolean;

  api!: ApiClient;
  i18n!: I18n<ExecutionStringId>;
  events!: ExecutionViewEvents;
  executionId = '';
  /** Saves in flight, awaited before a re-run so it sees every fix. */
  #pending = new Set<Promise<unknown>>();
  /** Reloads while the execution runs or its webhooks are being delivered (bounded). */
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #polls = 0;
  readonly #timelineWidth = new BoxWidth(this, '.timeline-box');

  constructor() {
    super();
    this.phase = 'waiting';
    this.execution = undefined;
    this.failure = undefined;
    this.feedback = undefined;
    this.busy = false;
    this.saving = new Set();
    this.saveErrors = new Map();
    this.modal = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.i18n.onChange(() => this.requestUpdate());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#pollTimer);
  }

  /** Loads (or reloads) the execution; called when the first token arrives, and by Retry. */
  async load(): Promise<void> {
    if (this.phase !== 'ready') this.phase = 'loading';
    this.failure = undefined;
    try {
      this.execution = await fetchExecution(this.api, this.executionId);
      this.phase = 'ready';
      this.#schedulePoll();
    } catch (error) {
      const detail = describeError(error);
      this.phase = 'error';
      this.failure = detail;
      this.events.error(detail.code, detail.message);
    }
  }

  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    const e = this.execution;
    if (!e || !this.isConnected || !isLive(e) || this.#polls >= POLL_LIMIT) return;
    this.#pollTimer = setTimeout(() => {
      this.#polls++;
      const id = this.executionId;
      void fetchExecution(this.api, id)
        .then((next) => {
          if (this.executionId === id && !this.busy) this.execution = next;
        })
        .catch(() => {})
        .finally(() => this.#schedulePoll());
    }, pollDelay(this.#polls));
  }

  /** Re-runs the shown execution from its fixed rows; answers the new execution (also the RPC `rerun()`). */
  async rerun(): Promise<Execution> {
    const current = this.execution;
    if (!current) throw new Error('No execution is loaded yet');
    this.busy = true;
    this.feedback = undefined;
    try {
      await Promise.all(this.#pending);
      const next = await rerunExecution(this.api, current.id);
      this.execution = next;
      this.executionId = next.id;
      this.saveErrors = new Map();
      this.feedback = { kind: 'ok', text: this.i18n.t('rerun.done', { id: next.id }) };
      this.events.executionRun(next);
      this.#polls = 0;
      this.#schedulePoll();
      return next;
    } catch (error) {
      const detail = describeError(error);
      this.feedback = { kind: 'error', text: this.i18n.t('rerun.failedShort'), detail };
      throw error;
    } finally {
      this.busy = false;
    }
  }

  /** Saves one edited cell and shows the row as the platform validated it, or why saving failed. */
  #saveCell = (row: ExecutionRow, field: string, value: string): void => {
    const execution = this.execution;
    if (!execution || row.data[field] === value) return;
    this.saving = new Set([...this.saving, row.id]);
    const save = saveCell(this.api, execution.id, row.id, field, value)
      .then((updated) => {
        if (this.execution?.id !== execution.id) return;
        this.execution = withRow(this.execution, updated);
        this.#setSaveError(row.id, undefined);
      })
      .catch((error: unknown) => {
        const network = error instanceof TypeError; // fetch() itself failed: the platform is unreachable
        this.#setSaveError(
          row.id,
          network ? this.i18n.t('rows.saveOffline') : this.i18n.t('rows.saveFailed', describeError(error)),
        );
      })
      .finally(() => {
        this.#pending.delete(save);
        const saving = new Set(this.saving);
        saving.delete(row.id);
        this.saving = saving;
      });
    this.#pending.add(save);
  };

  #setSaveError(rowId: string, text: string | undefined): void {
    const next = new Map(this.saveErrors);
    if (text) next.set(rowId, text);
    else next.delete(rowId);
    this.saveErrors = next;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('phase')) this.setAttribute('phase', this.phase);
    // The outcome of a re-run stays in view next to the button, however the page above it changed.
    if (changed.has('feedback') && this.feedback)
      this.renderRoot.querySelector('footer')?.scrollIntoView({ block: 'nearest' });
  }

  /** The X, unless the host's dialog shows its own. */
  #closeButton() {
    if (this.modal) return nothing;
    const label = this.i18n.t('actions.close');
    return html`<button class="icon" aria-label=${label} title=${label} @click=${() => this.events.close()}>✕</button>`;
  }

  override render() {
    const t = this.i18n.t.bind(this.i18n);
    if (this.phase !== 'ready' || !this.execution) return this.#renderNotReady();
    const e = this.execution;
    const running = e.status === 'RUNNING' || e.status === 'QUEUED';
    // A dependent job runs only after its primary job: it cannot be re-run alone.
    const dependent = Boolean(e.job?.primaryJob);
    const feedback = this.feedback;
    return html`<div class="stack">
      <section class="card">${summary(e, this.i18n, this.#closeButton())}</section>
      <section class="card">
        <h2>${t('timeline.title')}</h2>
        <div class="timeline-box">${timeline(e, this.i18n, this.#timelineWidth.width)}</div>
      </section>
      ${
        e.job?.connector
          ? html`<section class="card output">
              <h2>${t('output.title')}</h2>
              ${output(e, this.i18n)}
            </section>`
          : html`<section class="card">
              <h2>${t('rows.title')}</h2>
              ${
                e.invalidRows.length
                  ? rowsTable(e, this.i18n, {
                      busy: this.busy,
                      saving: this.saving,
                      saveErrors: this.saveErrors,
                      onChange: this.#saveCell,
                    })
                  : html`<p class="muted">${t('rows.empty')}</p>`
              }
            </section>`
      }
      <section class="card">
        <h2>${t('logs.title')}</h2>
        ${logs(e, this.i18n)}
      </section>
      <section class="card webhooks">
        <h2>${t('webhooks.title')}</h2>
        ${
          e.webhookDeliveries.length
            ? html`<ol class="deliveries">
                ${e.webhookDeliveries.map((d) => delivery(d, this.i18n))}
              </ol>`
            : html`<p class="muted">${t('webhooks.empty')}</p>`
        }
      </section>
      <footer>
        <div class="feedback" role="status">
          ${feedback?.kind === 'ok' ? html`<p class="banner ok">${feedback.text}</p>` : nothing}
          ${feedback?.kind === 'error' && feedback.detail ? problem(this.i18n, feedback.text, feedback.detail) : nothing}
        </div>
        <button class="secondary" @click=${() => this.events.close()}>${t('actions.cancel')}</button>
        <button
          class="primary"
          ?disabled=${this.busy || running || dependent}
          title=${running ? t('rerun.running') : dependent ? t('rerun.dependent') : ''}
          @click=${() => this.rerun().catch(() => {})}
        >
          ${this.busy ? t('actions.rerunning') : t('actions.rerun')}
        </button>
      </footer>
    </div>`;
  }

  #renderNotReady() {
    const t = this.i18n.t.bind(this.i18n);
    const failed = this.phase === 'error' && this.failure;
    return html`<section class="card waiting" aria-busy=${failed ? 'false' : 'true'}>
      <div class="row">
        ${failed ? nothing : html`<div class="spinner"></div>`}
        <h1>${failed ? t('title') : t(this.phase === 'waiting' ? 'waiting' : 'loading')}</h1>
        <span class="spacer"></span>
        ${this.#closeButton()}
      </div>
      ${
        failed
          ? problem(
              this.i18n,
              t('loadFailedShort'),
              this.failure!,
              html`<button class="primary" @click=${() => void this.load()}>${t('actions.retry')}</button>`,
            )
          : html`<div class="skeleton"></div>
              <div class="skeleton"></div>
              <div class="skeleton"></div>`
      }
    </section>`;
  }
}
