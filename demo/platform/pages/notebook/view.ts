import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { Integration, ParamDefinition, ParamValue, PublishedPage, RunResult } from '../../model/notebooks.js';
import { describeError, type ApiClient } from '../lib/api.js';
import type { I18n } from '../lib/i18n.js';
import { baseStyles } from '../lib/styles.js';
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
      .table-wrap {
        max-height: 360px;
        overflow: auto;
      }
      thead th {
        position: sticky;
        top: 0;
        background: var(--fp-card);
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
    message: { state: true },
  };

  declare phase: Phase;
  declare integration: EmbedIntegration | undefined;
  declare params: Params;
  declare result: RunResult | undefined;
  declare running: boolean;
  /** The inputs changed since the shown result was computed. */
  declare stale: boolean;
  declare message: string | undefined;

  api!: ApiClient;
  i18n!: I18n<NotebookStringId>;
  events!: NotebookViewEvents;
  integrationId = '';
  /** SET_PARAMETERS that arrived before the parameter definitions did. */
  #early: Record<string, unknown> = {};

  constructor() {
    super();
    this.phase = 'waiting';
    this.integration = undefined;
    this.params = {};
    this.result = undefined;
    this.running = false;
    this.stale = false;
    this.message = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.i18n.onChange(() => this.requestUpdate());
  }

  /** Loads the integration and computes the first results; called when the first token arrives. */
  async load(): Promise<void> {
    this.phase = 'loading';
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
      this.message = this.i18n.t('loadFailed', { message });
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
    this.message = undefined;
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
      this.message = this.i18n.t('run.failed', { message: describeError(error).message });
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
    this.params = { ...this.params, [def.name]: value };
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
            ? html`<div class="banner error" role="alert">${this.message}</div>`
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
            <h1>${integration.title}</h1>
            <div class="muted">${integration.notebook.title}</div>
          </div>
        </div>
      </section>
      <section class="card">
        <h2>${t('params.title')}</h2>
        <form @submit=${(e: Event) => e.preventDefault()}>${integration.params.map((def) => this.#input(def))}</form>
        <div class="row actions">
          <button class="primary" ?disabled=${this.running} @click=${() => this.#onRunAll()}>
            ${this.running ? t('actions.running') : t('actions.runAll')}
          </button>
          ${this.stale ? html`<span class="stale">${t('params.stale')}</span>` : nothing}
          <span class="spacer"></span>
          ${this.result ? html`<span class="muted">${t('run.lastRun', { time: this.i18n.date(this.result.ranAt, { timeStyle: 'medium' }) })}</span>` : nothing}
        </div>
      </section>
      ${this.message ? html`<div class="banner error" role="alert">${this.message}</div>` : nothing}
      ${integration.pages.map((page) => this.#page(page))}
    </div>`;
  }

  #input(def: ParamDefinition) {
    const label = this.i18n.override(`param.${def.name}`) ?? def.label;
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
        step=${def.type === 'number' ? '50' : nothing}
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
            ? revenueChart(result.rows, this.i18n)
            : this.#table(result);
    return html`<section class="card ${this.running ? 'running' : ''}" data-page=${page.id}>
      <div class="row">
        <h2>${page.title}</h2>
        <span class="spacer"></span>
        ${
          result && page.kind !== 'text'
            ? html`<span class="muted"
                >${t('result.totals', { orders: result.totals.orders, revenue: this.#money(result.totals.revenue) })}</span
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
    return html`<div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>${t('column.month')}</th>
            <th>${t('column.product')}</th>
            <th class="num">${t('column.orders')}</th>
            <th class="num">${t('column.revenue')}</th>
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
