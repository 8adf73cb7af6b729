import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Execution, ExecutionRow } from '../../model/executions.js';
import type { DeliveryView } from '../../model/webhooks.js';
import { describeError, type ApiClient } from '../lib/api.js';
import type { I18n } from '../lib/i18n.js';
import { baseStyles } from '../lib/styles.js';
import type { ExecutionStringId } from './strings.js';
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
 */
export class ExecutionView extends LitElement {
  static override styles = [
    baseStyles,
    timelineStyles,
    css`
      header {
        display: flex;
        align-items: flex-start;
        gap: 12px;
      }
      header .titles {
        flex: 1;
        display: grid;
        gap: 4px;
      }
      .facts {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(140px, 1fr));
        gap: 12px;
        margin-top: 16px;
      }
      .fact {
        display: grid;
        gap: 2px;
      }
      .fact span:first-child {
        font-size: 12px;
        color: var(--fp-muted);
      }
      .fact span:last-child {
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      ol.logs {
        list-style: none;
        margin: 0;
        padding: 0;
        max-height: 260px;
        overflow: auto;
      }
      ol.logs li {
        display: grid;
        grid-template-columns: 96px 86px 1fr;
        gap: 8px;
        align-items: baseline;
        padding: 5px 0;
        border-bottom: 1px solid var(--fp-border);
      }
      ol.logs li:last-child {
        border-bottom: 0;
      }
      ol.logs li.ERROR .message {
        color: var(--fp-fail);
      }
      ol.logs li.SUCCESS .message {
        color: var(--fp-ok);
      }
      .rows-wrap {
        overflow-x: auto;
      }
      td.rownum {
        color: var(--fp-muted);
        font-variant-numeric: tabular-nums;
        padding-top: 12px;
        white-space: nowrap;
      }
      td.cell {
        min-width: 130px;
      }
      .field-error {
        display: block;
        margin-top: 3px;
        font-size: 12px;
        color: var(--fp-fail);
      }
      .fixed {
        color: var(--fp-ok);
        font-size: 12px;
        font-weight: 600;
        padding-top: 12px;
        white-space: nowrap;
      }
      footer {
        display: flex;
        justify-content: flex-end;
        gap: 8px;
      }
      .waiting {
        display: grid;
        gap: 12px;
      }
      .source {
        display: inline-block;
        margin-right: 6px;
        padding: 0 6px;
        border: 1px solid var(--fp-border);
        border-radius: 4px;
        font-size: 11px;
        color: var(--fp-muted);
      }
      .output-wrap {
        overflow-x: auto;
      }
      .output-wrap td {
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
      }
      ol.deliveries {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 10px;
      }
      ol.deliveries > li {
        border: 1px solid var(--fp-border);
        border-radius: 10px;
        padding: 10px 14px;
        display: grid;
        gap: 6px;
      }
      .delivery-head {
        display: flex;
        align-items: center;
        gap: 10px;
        flex-wrap: wrap;
      }
      .delivery-head strong {
        flex: 1;
      }
      ol.attempts {
        margin: 0;
        padding-left: 18px;
        font-size: 12.5px;
        color: var(--fp-muted);
      }
      ol.attempts .failed {
        color: var(--fp-fail);
      }
    `,
  ];

  static override properties = {
    phase: { state: true },
    execution: { state: true },
    message: { state: true },
    busy: { state: true },
    saving: { state: true },
    modal: { state: true },
  };

  declare phase: Phase;
  declare execution: Execution | undefined;
  /** A banner: the outcome of the last re-run or load. */
  declare message: { kind: 'ok' | 'error'; text: string } | undefined;
  declare busy: boolean;
  /** Row ids with a PATCH in flight. */
  declare saving: ReadonlySet<string>;
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

  constructor() {
    super();
    this.phase = 'waiting';
    this.execution = undefined;
    this.message = undefined;
    this.busy = false;
    this.saving = new Set();
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

  /** Loads (or reloads) the execution; called when the first token arrives. */
  async load(): Promise<void> {
    if (this.phase === 'waiting') this.phase = 'loading';
    try {
      this.execution = await this.api.request<Execution>(
        'GET',
        `/dp/api/v1/executions/${encodeURIComponent(this.executionId)}`,
      );
      this.phase = 'ready';
      this.#schedulePoll();
    } catch (error) {
      const { code, message } = describeError(error);
      this.phase = 'error';
      this.message = { kind: 'error', text: this.i18n.t('loadFailed', { message }) };
      this.events.error(code, message);
    }
  }

  /**
   * A connector run finishes in the background and webhooks are delivered after it: while either is
   * under way, reload every 1 to 5 seconds, at most 120 times.
   */
  #schedulePoll(): void {
    clearTimeout(this.#pollTimer);
    const e = this.execution;
    if (!e || !this.isConnected) return;
    const live =
      e.status === 'RUNNING' ||
      e.status === 'QUEUED' ||
      e.webhookDeliveries.some((d) => d.status === 'PENDING' || d.status === 'RETRYING');
    if (!live || this.#polls >= 120) return;
    this.#pollTimer = setTimeout(
      () => {
        this.#polls++;
        const id = this.executionId;
        void this.api
          .request<Execution>('GET', `/dp/api/v1/executions/${encodeURIComponent(id)}`)
          .then((next) => {
            if (this.executionId === id && !this.busy) this.execution = next;
          })
          .catch(() => {})
          .finally(() => this.#schedulePoll());
      },
      Math.min(5000, 1000 + this.#polls * 250),
    );
  }

  /** Re-runs the shown execution from its fixed rows; answers the new execution (also the RPC `rerun()`). */
  async rerun(): Promise<Execution> {
    const current = this.execution;
    if (!current) throw new Error('No execution is loaded yet');
    this.busy = true;
    this.message = undefined;
    try {
      await Promise.all(this.#pending);
      const next = await this.api.request<Execution>(
        'POST',
        `/dp/api/v1/executions/${encodeURIComponent(current.id)}/rerun`,
      );
      this.execution = next;
      this.executionId = next.id;
      this.message = { kind: 'ok', text: this.i18n.t('rerun.done', { id: next.id }) };
      this.events.executionRun(next);
      this.#polls = 0;
      this.#schedulePoll();
      return next;
    } catch (error) {
      this.message = { kind: 'error', text: this.i18n.t('rerun.failed', { message: describeError(error).message }) };
      throw error;
    } finally {
      this.busy = false;
    }
  }

  /** Saves one edited cell and shows the row as the platform validated it. */
  #saveCell(row: ExecutionRow, field: string, value: string): void {
    const execution = this.execution;
    if (!execution || row.data[field] === value) return;
    this.saving = new Set([...this.saving, row.id]);
    const save = this.api
      .request<ExecutionRow>(
        'PATCH',
        `/dp/api/v1/executions/${encodeURIComponent(execution.id)}/rows/${encodeURIComponent(row.id)}`,
        { data: { [field]: value } },
      )
      .then((updated) => {
        if (this.execution?.id !== execution.id) return;
        const invalidRows = this.execution.invalidRows.map((r) => (r.id === updated.id ? updated : r));
        const invalid = invalidRows.filter((r) => Object.keys(r.errors).length > 0).length;
        this.execution = { ...this.execution, invalidRows, stats: { ...this.execution.stats, invalidRows: invalid } };
      })
      .catch((error: unknown) => {
        this.message = { kind: 'error', text: describeError(error).message };
      })
      .finally(() => {
        this.#pending.delete(save);
        const saving = new Set(this.saving);
        saving.delete(row.id);
        this.saving = saving;
      });
    this.#pending.add(save);
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('phase')) this.setAttribute('phase', this.phase);
  }

  override render() {
    const t = this.i18n.t.bind(this.i18n);
    if (this.phase === 'waiting' || this.phase === 'loading' || !this.execution) {
      return html`<div class="card waiting" aria-busy="true">
        <div class="row">
          ${this.phase === 'error' ? nothing : html`<div class="spinner"></div>`}
          <strong>${this.phase === 'error' ? t('title') : t(this.phase === 'waiting' ? 'waiting' : 'loading')}</strong>
          <span class="spacer"></span>
          ${this.#closeButton()}
        </div>
        ${
          this.message
            ? html`<div class="banner ${this.message.kind}" role="alert">${this.message.text}</div>`
            : html`<div class="skeleton"></div>
                <div class="skeleton"></div>
                <div class="skeleton"></div>`
        }
      </div>`;
    }
    const e = this.execution;
    const running = e.status === 'RUNNING' || e.status === 'QUEUED';
    const connector = e.job?.connector ?? null;
    // A dependent job runs only after its primary job: it cannot be re-run alone.
    const dependent = Boolean(e.job?.primaryJob);
    return html`<div class="stack">
      <section class="card">
        <header>
          <div class="titles">
            <div class="row">
              <h1>${e.pipeline.name}</h1>
              <span class="pill ${e.status}" data-status=${e.status}>${t(`status.${e.status}`)}</span>
            </div>
            <div class="muted">
              <span class="mono">${e.id}</span> · ${t('summary.run', { n: e.runSequence })}
              ${e.sourceExecutionId ? html` · ${t('summary.rerunOf', { id: e.sourceExecutionId })}` : nothing}
              ${e.primaryExecutionId ? html` · ${t('summary.after', { id: e.primaryExecutionId })}` : nothing}
            </div>
            ${
              e.dependentExecutions.length
                ? html`<div class="muted">
                    ${t('summary.dependents', { ids: e.dependentExecutions.map((d) => d.id).join(', ') })}
                  </div>`
                : nothing
            }
          </div>
          ${this.#closeButton()}
        </header>
        <div class="facts">
          <div class="fact"><span>${t('summary.started')}</span><span>${this.i18n.date(e.startedAt)}</span></div>
          <div class="fact">
            <span>${t('summary.duration')}</span
            ><span>${e.durationMs === null ? t('summary.inProgress') : this.i18n.duration(e.durationMs)}</span>
          </div>
          <div class="fact"><span>${t('summary.rows')}</span><span>${this.i18n.format(e.stats.totalRows)}</span></div>
          ${
            connector
              ? html`<div class="fact">
                    <span>${t('summary.connector')}</span><span>${t(`connector.${connector.kind}`)}</span>
                  </div>
                  <div class="fact">
                    <span>${t('summary.exitCode')}</span
                    ><span class="mono" data-exit-code=${e.exitCode ?? ''}
                      >${e.exitCode === null ? '–' : this.i18n.format(e.exitCode)}</span
                    >
                  </div>`
              : html`<div class="fact">
                  <span>${t('summary.invalid')}</span><span>${this.i18n.format(e.stats.invalidRows)}</span>
                </div>`
          }
          <div class="fact">
            <span>${t('summary.trigger')}</span><span data-trigger=${e.trigger}>${t(`trigger.${e.trigger}`)}</span>
          </div>
        </div>
      </section>
      ${this.message ? html`<div class="banner ${this.message.kind}" role="status">${this.message.text}</div>` : nothing}
      <section class="card">
        <h2>${t('timeline.title')}</h2>
        ${timeline(e, this.i18n)}
      </section>
      ${
        connector
          ? html`<section class="card output">
              <h2>${t('output.title')}</h2>
              ${this.#output(e)}
            </section>`
          : html`<section class="card">
              <h2>${t('rows.title')}</h2>
              ${e.invalidRows.length ? this.#rowsTable(e) : html`<p class="muted">${t('rows.empty')}</p>`}
            </section>`
      }
      <section class="card">
        <h2>${t('logs.title')}</h2>
        ${
          e.logs.length
            ? html`<ol class="logs">
                ${e.logs.map(
                  (log) =>
                    html`<li class=${log.level}>
                      <span class="mono muted">${this.i18n.date(log.ts, { timeStyle: 'medium' })}</span>
                      <span><span class="pill ${log.level}">${t(`level.${log.level}`)}</span></span>
                      <span class="message"
                        >${
                          log.source && log.source !== 'platform'
                            ? html`<span class="source" data-source=${log.source}>${t(`source.${log.source}`)}</span>`
                            : nothing
                        }${log.message}</span
                      >
                    </li>`,
                )}
              </ol>`
            : html`<p class="muted">${t('logs.empty')}</p>`
        }
      </section>
      <section class="card webhooks">
        <h2>${t('webhooks.title')}</h2>
        ${
          e.webhookDeliveries.length
            ? html`<ol class="deliveries">
                ${e.webhookDeliveries.map((d) => this.#delivery(d))}
              </ol>`
            : html`<p class="muted">${t('webhooks.empty')}</p>`
        }
      </section>
      <footer>
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

  /** The X, unless the host's dialog shows its own. */
  #closeButton() {
    if (this.modal) return nothing;
    const label = this.i18n.t('actions.close');
    return html`<button class="icon" aria-label=${label} title=${label} @click=${() => this.events.close()}>✕</button>`;
  }

  #output(e: Execution) {
    const t = this.i18n.t.bind(this.i18n);
    const output = e.output;
    if (!output || output.total === 0) return html`<p class="muted">${t('output.empty')}</p>`;
    const columns = output.columns.slice(0, 8);
    const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));
    return html`<p class="muted">
        ${t('output.summary', { total: output.total, feedback: output.feedbackTotal })}
        ${output.total > output.preview.length ? t('output.preview', { n: output.preview.length }) : nothing}
      </p>
      <div class="output-wrap">
        <table>
          <thead>
            <tr>
              ${columns.map((c) => html`<th>${c}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${output.preview.map(
              (row) =>
                html`<tr>
                  ${columns.map((c) => html`<td>${cell(row[c])}</td>`)}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }

  #delivery(d: DeliveryView) {
    const t = this.i18n.t.bind(this.i18n);
    const pill = { DELIVERED: 'SUCCESS', FAILED: 'FAILED', PENDING: 'RUNNING', RETRYING: 'RUNNING', SKIPPED: '' }[
      d.status
    ];
    const time = (ms: number) => this.i18n.date(ms, { timeStyle: 'medium' });
    return html`<li data-delivery-id=${d.id} data-status=${d.status}>
      <div class="delivery-head">
        <strong>${d.description}</strong>
        <span class="pill ${pill}">${t(`delivery.${d.status}`)}</span>
      </div>
      <div class="mono muted">${d.method} ${d.target}</div>
      ${
        d.status === 'SKIPPED' && d.reason
          ? html`<div class="muted">${t('delivery.rulesNotMet', { rules: d.reason })}</div>`
          : d.status === 'FAILED' && d.reason && !d.attempts.length
            ? html`<div class="muted">${d.reason}</div>`
            : nothing
      }
      ${
        d.attempts.length
          ? html`<ol class="attempts">
              ${d.attempts.map(
                (a) =>
                  html`<li class=${a.statusCode !== null && a.statusCode < 300 ? '' : 'failed'}>
                    ${t('delivery.attempt', {
                      n: a.attempt,
                      time: time(a.startedAt),
                      result: a.statusCode !== null ? `HTTP ${a.statusCode}` : (a.error ?? ''),
                      duration: this.i18n.duration(a.endedAt - a.startedAt),
                    })}
                  </li>`,
              )}
            </ol>`
          : nothing
      }
      ${
        d.status === 'RETRYING' && d.nextAttemptAt
          ? html`<div class="muted">${t('delivery.next', { time: time(d.nextAttemptAt) })}</div>`
          : nothing
      }
    </li>`;
  }

  #rowsTable(e: Execution) {
    const t = this.i18n.t.bind(this.i18n);
    const fieldLabel = (field: string) => t(`field.${field}` as ExecutionStringId);
    return html`<p class="muted">${t('rows.hint')}</p>
      <div class="rows-wrap">
        <table>
          <thead>
            <tr>
              <th>${t('rows.row')}</th>
              ${e.pipeline.fields.map((f) => html`<th>${fieldLabel(f)}</th>`)}
              <th></th>
            </tr>
          </thead>
          <tbody>
            ${e.invalidRows.map(
              (row) =>
                html`<tr data-row-id=${row.id}>
                  <td class="rownum">#${row.rowNumber}</td>
                  ${e.pipeline.fields.map((field) => {
                    const error = row.errors[field];
                    const errorId = `err-${row.id}-${field}`;
                    return html`<td class="cell">
                      <input
                        name=${field}
                        .value=${row.data[field] ?? ''}
                        aria-label="${fieldLabel(field)}, ${t('rows.row')} ${row.rowNumber}"
                        aria-invalid=${error ? 'true' : 'false'}
                        aria-describedby=${error ? errorId : nothing}
                        ?disabled=${this.busy}
                        @change=${(ev: Event) => this.#saveCell(row, field, (ev.target as HTMLInputElement).value)}
                      />
                      ${
                        error
                          ? html`<span class="field-error" id=${errorId}
                              >${this.i18n.has(`error.${error.code}`) ? t(`error.${error.code}` as ExecutionStringId) : error.message}</span
                            >`
                          : nothing
                      }
                    </td>`;
                  })}
                  <td class="fixed">
                    ${this.saving.has(row.id) ? html`<span class="muted">${t('rows.saving')}</span>` : Object.keys(row.errors).length === 0 ? `✓ ${t('rows.fixed')}` : nothing}
                  </td>
                </tr>`,
            )}
          </tbody>
        </table>
      </div>`;
  }
}
