import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Integration, ParamDefinition, ParamValue, PublishedPage, RunResult } from '../../model/notebooks.js';
import { describeError, type ApiClient } from '../lib/api.js';
import type { I18n } from '../lib/i18n.js';
import { baseStyles } from '../lib/styles.js';
import { BoxWidth } from '../lib/width.js';
import { chartStyles, revenueChart } from './chart.js';
import type { NotebookStringId } from './strings.js';

type Phase = 'waiting' | 'loading' | 'ready' | 'error';
export type Params = Record<string, ParamValue>;
type EmbedIntegration = Omit<Integration, 'orgId'>;

/** What the page tells the host about; wired to the guest runtime's `emit` by the entry module. */
export interface NotebookViewEvents {
  parameterChanged(name: string, value: ParamValue, params: Params): void;
  runAll(params: Params): void;
  error(code: string, message: string): void;
}

/**
 * A published notebook: its externalized parameters as inputs, "Run all", and the published pages
 * (a chart and a table) computed by the platform from its data.
 */
export class NotebookView extends LitElement {
  static override styles = [
    baseStyles,
    chartStyles,
    css`
      form {
        display: grid;
        grid-template-columns: repeat(auto-fit, minmax(160px, 1fr));
        gap: 12px;
        align-items: end;
      }
      .actions {
        margin-top: 14px;
      }
      .stale {
        color: var(--fp-run);
        font-size: 12.5px;
      }
      /* Sideways only: the frame grows to fit the page, so no scroll box of its own downwards. */
      .table-wrap {
        overflow-x: auto;
      }
      .table-wrap:focus-visible {
        outline: 2px solid var(--fp-accent);
        outline-offset: 2px;
      }
      .problem {
        display: grid;
        gap: 10px;
        justify-items: start;
      }
      .problem p {
        margin: 0;
      }
      details summary {
        cursor: pointer;
        color: var(--fp-muted);
        font-size: 12.5px;
      }
      details p {
        margin: 6px 0 0;
        overflow-wrap: anywhere;
      }
      .page-head h2 {
        margin-bottom: 0;
      }
      .field-error {
        margin: 8px 0 0;
        font-size: 12.5px;
        color: var(--fp-fail);
      }
      .page-head {
        margin-bottom: 12px;
      }
      tfoot td {
        font-weight: 650;
        border-bottom: 0;
      }
      .running {
        opacity: 0.55;
        transition: opacity 0.2s;
      }
    `,
  ];

  static override properties = {
    phase: { state: true },
    integration: { state: true },
    params: { state: true },
    result: { state: true },
    running: { state: true },
    stale: { state: true },
    failure: { state: true },
    rangeInvalid: { state: true },
  };

  declare phase: Phase;
  declare integration: EmbedIntegration | undefined;
  declare params: Params;
  declare result: RunResult | undefined;
  declare running: boolean;
  /** The inputs changed since the shown result was computed. */
  declare stale: boolean;
  /** Why loading or the last run failed: a sentence for people and the technical detail. */
  declare failure: { text: string; code: string; message: string } | undefined;
  /** The user chose a "from" date after the "to" date. */
  declare rangeInvalid: boolean;

  api!: ApiClient;
  i18n!: I18n<NotebookStringId>;
  events!: NotebookViewEvents;
  integrationId = '';
  /** SET_PARAMETERS that arrived before the parameter definitions did. */
  #early: Record<string, unknown> = {};
  readonly #chartWidth = new BoxWidth(this, '.chart-box');

  constructor() {
    super();
    this.phase = 'waiting';
    this.integration = undefined;
    this.params = {};
    this.result = undefined;
    this.running = false;
    this.stale = false;
    this.failure = undefined;
    this.rangeInvalid = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.i18n.onChange(() => this.requestUpdate());
  }

  /** Loads the integration and computes the first results; called when the first token arrives. */
  async load(): Promise<void> {
    this.phase = 'loading';
    this.failure = undefined;
    try {
      const integration = await this.api.request<EmbedIntegration>(
        'GET',
        `/api/v1/integrations/${encodeURIComponent(this.integrationId)}`,
      );
      this.integration = integration;
      this.params = Object.fromEntries(integration.params.map((p) => [p.name, p.default]));
      this.#apply(this.#early);
      this.phase = 'ready';
      await this.runAll();
    } catch (error) {
      const { code, message } = describeError(error);
      this.phase = 'error';
      this.failure = { text: this.i18n.t('loadFailedShort'), code, message };
      this.events.error(code, message);
    }
  }

  getParameters(): Params {
    return { ...this.params };
  }

  /** Applies parameter values from the host (SET_PARAMETERS or RPC) and recomputes; unknown names are ignored. */
  async setParameters(values: Record<string, unknown>): Promise<Params> {
    if (!this.integration) {
      this.#early = { ...this.#early, ...values };
      return this.getParameters();
    }
    this.#apply(values);
    await this.runAll().catch(() => {});
    return this.getParameters();
  }

  /** Runs every published page with the current parameters; answers the result (also the RPC `runAll()`). */
  async runAll(): Promise<RunResult> {
    this.running = true;
    this.failure = undefined;
    try {
      const result = await this.api.request<RunResult>(
        'POST',
        `/api/v1/integrations/${encodeURIComponent(this.integrationId)}/run`,
        { params: this.params },
      );
      this.result = result;
      this.stale = false;
      return result;
    } catch (error) {
      this.failure = { text: this.i18n.t('run.failedShort'), ...describeError(error) };
      throw error;
    } finally {
      this.running = false;
    }
  }

  #apply(values: Record<string, unknown>): void {
    const next = { ...this.params };
    for (const def of this.integration?.params ?? []) {
      const value = coerce(def, values[def.name]);
      if (value !== undefined) next[def.name] = value;
    }
    this.params = next;
  }

  #onInput(def: ParamDefinition, raw: string): void {
    const value = coerce(def, raw);
    if (value === undefined || value === this.params[def.name]) return;
    const next = { ...this.params, [def.name]: value };
    // A range whose start is after its end selects nothing: say so at the fields, send nothing.
    const from = next['from'];
    const to = next['to'];
    this.rangeInvalid = typeof from === 'string' && typeof to === 'string' && from > to;
    this.params = next;
    if (this.rangeInvalid) return;
    this.stale = true;
    this.events.parameterChanged(def.name, value, this.getParameters());
  }

  #onRunAll(): void {
    this.events.runAll(this.getParameters());
    this.runAll().catch(() => {});
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('phase')) this.setAttribute('phase', this.phase);
  }

  override render() {
    const t = this.i18n.t.bind(this.i18n);
    const integration = this.integration;
    if (!integration || this.phase === 'waiting' || this.phase === 'loading') {
      return html`<div class="card stack" aria-busy=${this.phase === 'error' ? 'false' : 'true'}>
        ${
          this.phase === 'error'
            ? this.#problem(
                html`<button class="primary" @click=${() => void this.load()}>${t('actions.retry')}</button>`,
              )
            : html`<div class="row">
                  <div class="spinner"></div>
                  <strong>${t(this.phase === 'waiting' ? 'waiting' : 'loading')}</strong>
                </div>
                <div class="skeleton"></div>
                <div class="skeleton"></div>`
        }
      </div>`;
    }
    return html`<div class="stack">
      <section class="card">
        <div class="row">
          <div>
            <h1>${this.#text(integration.title)}</h1>
            <div class="muted">${this.#text(integration.notebook.title)}</div>
          </div>
        </div>
      </section>
      <section class="card">
        <h2>${t('params.title')}</h2>
        <form @submit=${(e: Event) => e.preventDefault()}>${integration.params.map((def) => this.#input(def))}</form>
        ${this.rangeInvalid ? html`<p class="field-error" id="range-error" role="alert">${t('params.rangeInvalid')}</p>` : nothing}
        <div class="row actions">
          <button class="primary" ?disabled=${this.running || this.rangeInvalid} @click=${() => this.#onRunAll()}>
            ${this.running ? t('actions.running') : t('actions.runAll')}
          </button>
          ${this.stale ? html`<span class="stale">${t('params.stale')}</span>` : nothing}
          <span class="spacer"></span>
          ${this.result ? html`<span class="muted">${t('run.lastRun', { time: this.i18n.date(this.result.ranAt, { timeStyle: 'medium' }) })}</span>` : nothing}
        </div>
        ${this.failure ? this.#problem() : nothing}
      </section>
      ${integration.pages.map((page) => this.#page(page))}
    </div>`;
  }

  /** A title from the platform's data, in the UI language when the page knows it. */
  #text(text: string): string {
    const id = `data.${text}`;
    return this.i18n.override(id) ?? (this.i18n.has(id) ? this.i18n.t(id as NotebookStringId) : text);
  }

  /** A failure for people: one sentence, and the technical detail behind a disclosure. */
  #problem(action?: unknown) {
    const failure = this.failure;
    if (!failure) return nothing;
    return html`<div class="problem" role="alert">
      <p class="banner error">${failure.text}</p>
      ${action ?? nothing}
      <details>
        <summary>${this.i18n.t('details')}</summary>
        <p class="mono">${failure.code}</p>
        <p>${failure.message}</p>
      </details>
    </div>`;
  }

  #input(def: ParamDefinition) {
    const id = `param.${def.name}`;
    const label = this.i18n.override(id) ?? (this.i18n.has(id) ? this.i18n.t(id as NotebookStringId) : def.label);
    const value = String(this.params[def.name] ?? '');
    const onChange = (e: Event) => this.#onInput(def, (e.target as HTMLInputElement | HTMLSelectElement).value);
    if (def.type === 'select') {
      return html`<label
        >${label}
        <select name=${def.name} @change=${onChange}>
          ${def.options.map((option) => {
            const id = `option.${def.name}.${option}`;
            const text = this.i18n.override(id) ?? (this.i18n.has(id) ? this.i18n.t(id as NotebookStringId) : option);
            return html`<option value=${option} ?selected=${option === value}>${text}</option>`;
          })}
        </select>
      </label>`;
    }
    return html`<label
      >${label}
      <input
        name=${def.name}
        type=${def.type}
        min=${def.type === 'number' ? '0' : nothing}
        step=${def.type === 'number' ? '1' : nothing}
        aria-invalid=${this.rangeInvalid && def.type === 'date' ? 'true' : 'false'}
        aria-describedby=${this.rangeInvalid && def.type === 'date' ? 'range-error' : nothing}
        .value=${value}
        @change=${onChange}
      />
    </label>`;
  }

  #page(page: PublishedPage) {
    const t = this.i18n.t.bind(this.i18n);
    const result = this.result;
    const body = !result
      ? html`<div class="skeleton"></div>`
      : page.kind === 'text'
        ? html`<p>${page.body}</p>`
        : result.rows.length === 0
          ? html`<p class="muted">${t('result.empty')}</p>`
          : page.kind === 'chart'
            ? html`<div class="chart-box">${revenueChart(result.rows, this.i18n, this.#chartWidth.width)}</div>`
            : this.#table(result);
    return html`<section class="card ${this.running ? 'running' : ''}" data-page=${page.id}>
      <div class="row page-head">
        <h2>
          ${this.i18n.override(`page.${page.id}`) ?? (this.i18n.has(`page.${page.id}`) ? this.i18n.t(`page.${page.id}` as NotebookStringId) : page.title)}
        </h2>
        <span class="spacer"></span>
        ${
          result && page.kind !== 'text'
            ? html`<span class="muted"
                >${this.i18n.plural('result.totals', { count: result.totals.orders, revenue: this.#money(result.totals.revenue) })}</span
              >`
            : nothing
        }
      </div>
      ${body}
    </section>`;
  }

  #table(result: RunResult) {
    const t = this.i18n.t.bind(this.i18n);
    const month = (m: string) =>
      this.i18n.date(Date.parse(`${m}-01T00:00:00Z`), { year: 'numeric', month: 'long', timeZone: 'UTC' });
    return html`<div class="table-wrap" tabindex="0" role="region" aria-label=${t('table.label')}>
      <table>
        <thead>
          <tr>
            <th scope="col">${t('column.month')}</th>
            <th scope="col">${t('column.product')}</th>
            <th scope="col" class="num">${t('column.orders')}</th>
            <th scope="col" class="num">${t('column.revenue')}</th>
          </tr>
        </thead>
        <tbody>
          ${result.rows.map(
            (r) =>
              html`<tr>
                <td>${month(r.month)}</td>
                <td>${r.product}</td>
                <td class="num">${this.i18n.format(r.orders)}</td>
                <td class="num">${this.#money(r.revenue)}</td>
              </tr>`,
          )}
        </tbody>
        <tfoot>
          <tr>
            <td>${t('column.total')}</td>
            <td></td>
            <td class="num">${this.i18n.format(result.totals.orders)}</td>
            <td class="num">${this.#money(result.totals.revenue)}</td>
          </tr>
        </tfoot>
      </table>
    </div>`;
  }

  #money(value: number): string {
    return this.i18n.format(value, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 });
  }
}

/** A parameter value in its definition's type, or undefined when it does not fit. */
function coerce(def: ParamDefinition, raw: unknown): ParamValue | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (def.type === 'number') {
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    return Number.isFinite(n) && n >= 0 ? n : undefined;
  }
  if (typeof raw !== 'string') return undefined;
  if (def.type === 'select') return def.options.includes(raw) ? raw : undefined;
  return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? raw : undefined;
}
