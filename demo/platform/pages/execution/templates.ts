import { html, nothing, type TemplateResult } from 'lit';
import type { Execution, ExecutionRow } from '../../model/executions.js';
import type { DeliveryView } from '../../model/webhooks.js';
import type { I18n } from '../lib/i18n.js';
import { logText } from './platform-text.js';
import type { ExecutionStringId } from './strings.js';

type T = I18n<ExecutionStringId>;

/** A problem for people: one sentence, what to do, and the technical detail behind a disclosure. */
export function problem(
  i18n: T,
  text: string,
  detail: { code: string; message: string },
  action?: TemplateResult,
): TemplateResult {
  return html`<div class="problem" role="alert">
    <p class="banner error">${text}</p>
    ${action ?? nothing}
    <details>
      <summary>${i18n.t('details')}</summary>
      <p class="mono">${detail.code}</p>
      <p>${detail.message}</p>
    </details>
  </div>`;
}

/** Title, status, ids and the facts of the execution. */
export function summary(e: Execution, i18n: T, close: TemplateResult | typeof nothing): TemplateResult {
  const t = i18n.t.bind(i18n);
  const connector = e.job?.connector ?? null;
  const fact = (label: string, value: unknown) =>
    html`<div class="fact">
      <dt>${label}</dt>
      <dd>${value}</dd>
    </div>`;
  return html`<header>
      <div class="titles">
        <div class="row">
          <h1>${e.pipeline.name}</h1>
          <span class="pill ${e.status}" data-status=${e.status}>${t(`status.${e.status}` as ExecutionStringId)}</span>
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
      ${close}
    </header>
    <dl class="facts">
      ${fact(t('summary.started'), i18n.date(e.startedAt))}
      ${fact(t('summary.duration'), e.durationMs === null ? t('summary.inProgress') : i18n.duration(e.durationMs))}
      ${fact(t('summary.rows'), i18n.format(e.stats.totalRows))}
      ${
        connector
          ? html`${fact(t('summary.connector'), t(`connector.${connector.kind}` as ExecutionStringId))}
            ${fact(
              t('summary.exitCode'),
              html`<span class="mono" data-exit-code=${e.exitCode ?? ''}
                >${e.exitCode === null ? '–' : i18n.format(e.exitCode)}</span
              >`,
            )}`
          : fact(t('summary.invalid'), i18n.format(e.stats.invalidRows))
      }
      ${fact(
        t('summary.trigger'),
        html`<span data-trigger=${e.trigger}>${t(`trigger.${e.trigger}` as ExecutionStringId)}</span>`,
      )}
    </dl>`;
}

/** The log lines; the message of a line comes from the platform, its level and source are translated. */
export function logs(e: Execution, i18n: T): TemplateResult {
  const t = i18n.t.bind(i18n);
  if (!e.logs.length) return html`<p class="muted">${t('logs.empty')}</p>`;
  return html`<ol class="logs">
    ${e.logs.map(
      (log) =>
        html`<li class=${log.level}>
          <span class="mono muted">${i18n.date(log.ts, { timeStyle: 'medium' })}</span>
          <span><span class="pill ${log.level}">${t(`level.${log.level}` as ExecutionStringId)}</span></span>
          <span class="message"
            >${
              log.source && log.source !== 'platform'
                ? html`<span class="source" data-source=${log.source}
                    >${t(`source.${log.source}` as ExecutionStringId)}</span
                  >`
                : nothing
            }${logText(i18n, log.message)}</span
          >
        </li>`,
    )}
  </ol>`;
}

/** A table that scrolls sideways inside a region keyboard users can reach and screen readers name. */
export function scrollTable(label: string, table: TemplateResult, className = ''): TemplateResult {
  return html`<div class="scroll-x ${className}" tabindex="0" role="region" aria-label=${label}>${table}</div>`;
}

export function output(e: Execution, i18n: T): TemplateResult {
  const t = i18n.t.bind(i18n);
  const out = e.output;
  if (!out || out.total === 0) return html`<p class="muted">${t('output.empty')}</p>`;
  const columns = out.columns.slice(0, 8);
  const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  return html`<p class="muted">
      ${i18n.plural('output.summary', { count: out.total, feedback: out.feedbackTotal })}
      ${out.total > out.preview.length ? i18n.plural('output.preview', { count: out.preview.length }) : nothing}
    </p>
    ${scrollTable(
      t('output.title'),
      html`<table class="output-table">
        <thead>
          <tr>
            ${columns.map((c) => html`<th scope="col">${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${out.preview.map(
            (row) =>
              html`<tr>
                ${columns.map((c) => html`<td>${cell(row[c])}</td>`)}
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}

export function delivery(d: DeliveryView, i18n: T): TemplateResult {
  const t = i18n.t.bind(i18n);
  const pill = { DELIVERED: 'SUCCESS', FAILED: 'FAILED', PENDING: 'RUNNING', RETRYING: 'RUNNING', SKIPPED: '' }[
    d.status
  ];
  const time = (ms: number) => i18n.date(ms, { timeStyle: 'medium' });
  return html`<li data-delivery-id=${d.id} data-status=${d.status}>
    <div class="delivery-head">
      <strong>${d.description}</strong>
      <span class="pill ${pill}">${t(`delivery.${d.status}` as ExecutionStringId)}</span>
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
                    duration: i18n.duration(a.endedAt - a.startedAt),
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

/** What the invalid-rows table needs from the page. */
export interface RowsState {
  busy: boolean;
  saving: ReadonlySet<string>;
  /** A save that failed (network, server), shown in the row it belongs to. */
  saveErrors: ReadonlyMap<string, string>;
  onChange(row: ExecutionRow, field: string, value: string): void;
}

export function rowsTable(e: Execution, i18n: T, state: RowsState): TemplateResult {
  const t = i18n.t.bind(i18n);
  const fieldLabel = (field: string) =>
    i18n.has(`field.${field}`) ? t(`field.${field}` as ExecutionStringId) : (i18n.override(`field.${field}`) ?? field);
  const rowState = (row: ExecutionRow) => {
    const failed = state.saveErrors.get(row.id);
    if (state.saving.has(row.id)) return html`<span class="muted">${t('rows.saving')}</span>`;
    if (failed) return html`<span class="failed" role="alert">${failed}</span>`;
    if (Object.keys(row.errors).length === 0) return html`<span class="fixed">✓ ${t('rows.fixed')}</span>`;
    return nothing;
  };
  return html`<p class="muted">${t('rows.hint')}</p>
    ${scrollTable(
      t('rows.title'),
      html`<table>
        <thead>
          <tr>
            <th scope="col">${t('rows.row')}</th>
            ${e.pipeline.fields.map((f) => html`<th scope="col">${fieldLabel(f)}</th>`)}
            <th scope="col"><span class="visually-hidden">${t('rows.state')}</span></th>
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
                      ?disabled=${state.busy}
                      @change=${(ev: Event) => state.onChange(row, field, (ev.target as HTMLInputElement).value)}
                    />
                    ${
                      error
                        ? html`<span class="field-error" id=${errorId}
                            >${
                              i18n.has(`error.${error.code}`)
                                ? t(`error.${error.code}` as ExecutionStringId)
                                : error.message
                            }</span
                          >`
                        : nothing
                    }
                  </td>`;
                })}
                <td class="state">${rowState(row)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}
