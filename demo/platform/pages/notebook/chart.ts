import { css, html, nothing, svg, type TemplateResult } from 'lit';
import type { ResultRow } from '../../model/notebooks.js';
import type { I18n } from '../lib/i18n.js';
import type { NotebookStringId } from './strings.js';

/** Width drawn before the box is measured (then 1 unit = 1 CSS pixel). */
const DEFAULT_WIDTH = 760;
const BOTTOM = 28;
const TOP = 12;
/** Month labels closer than this (in px) would overlap: then only every second one is drawn. */
const MIN_LABEL_GAP = 34;

/**
 * Revenue per month as stacked bars, one colour per product, with a legend. SVG, no inline styles
 * (CSP). `width` is the box's CSS width: the chart is drawn at that size, so its text keeps its
 * font size at any width.
 */
export function revenueChart(
  rows: readonly ResultRow[],
  i18n: I18n<NotebookStringId>,
  width = DEFAULT_WIDTH,
): TemplateResult {
  const WIDTH = Math.max(width || DEFAULT_WIDTH, 200);
  const HEIGHT = WIDTH < 480 ? 220 : 280;
  const LEFT = 64; // room for the longest axis label ("100.000" in German)
  const months = [...new Set(rows.map((r) => r.month))].sort();
  const products = [...new Set(rows.map((r) => r.product))].sort();
  const totals = months.map((m) => rows.filter((r) => r.month === m).reduce((sum, r) => sum + r.revenue, 0));
  const max = niceMax(Math.max(1, ...totals));
  const plotH = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT - 8) / Math.max(months.length, 1);
  const barW = Math.min(44, slot * 0.7);
  const labelEvery = slot < MIN_LABEL_GAP ? 2 : 1;
  const y = (value: number) => TOP + plotH - (value / max) * plotH;
  const money = (value: number) => i18n.format(value, { notation: 'compact', maximumFractionDigits: 1 });
  const monthLabel = (month: string) =>
    i18n.date(Date.parse(`${month}-01T00:00:00Z`), { month: 'short', timeZone: 'UTC' });

  return html`<svg
      class="chart"
      viewBox="0 0 ${WIDTH} ${HEIGHT}"
      width=${WIDTH}
      height=${HEIGHT}
      role="img"
      aria-label=${i18n.t('chart.label')}
    >
      ${[0, 0.25, 0.5, 0.75, 1].map(
        (k) => svg`<line class="grid" x1=${LEFT} x2=${WIDTH} y1=${y(max * k)} y2=${y(max * k)}></line>
          <text class="axis" x=${LEFT - 8} y=${y(max * k) + 4} text-anchor="end">${money(max * k)}</text>`,
      )}
      ${months.map((month, i) => {
        let base = 0;
        const x = LEFT + i * slot + (slot - barW) / 2;
        return svg`${products.map((product, p) => {
          const value = rows.find((r) => r.month === month && r.product === product)?.revenue ?? 0;
          const top = y(base + value);
          const rect = svg`<rect class="series s${(p % 4) + 1}" x=${x} y=${top} width=${barW} height=${Math.max(y(base) - top, 0)}>
              <title>${monthLabel(month)} · ${product}: ${i18n.format(value, { maximumFractionDigits: 0 })}</title></rect>`;
          base += value;
          return rect;
        })}
          ${
            i % labelEvery === 0
              ? svg`<text class="axis" x=${x + barW / 2} y=${HEIGHT - 8} text-anchor="middle">${monthLabel(month)}</text>`
              : nothing
          }`;
      })}
    </svg>
    <ul class="legend">
      ${products.map((product, p) => html`<li><span class="swatch s${(p % 4) + 1}"></span>${product}</li>`)}
    </ul>`;
}

/** A round axis maximum at or above `value`, so the four grid steps get round labels. */
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return ([1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10].find((m) => m * power >= value) ?? 10) * power;
}

export const chartStyles = css`
  svg.chart {
    display: block;
    max-width: 100%;
    height: auto;
  }
  .grid {
    stroke: var(--fp-border);
  }
  .axis {
    fill: var(--fp-muted);
    font-size: 11px;
  }
  .s1 {
    fill: var(--fp-series-1);
    background: var(--fp-series-1);
  }
  .s2 {
    fill: var(--fp-series-2);
    background: var(--fp-series-2);
  }
  .s3 {
    fill: var(--fp-series-3);
    background: var(--fp-series-3);
  }
  .s4 {
    fill: var(--fp-series-4);
    background: var(--fp-series-4);
  }
  ul.legend {
    display: flex;
    flex-wrap: wrap;
    gap: 6px 16px;
    list-style: none;
    padding: 0;
    margin: 8px 0 0;
    font-size: 12px;
    color: var(--fp-muted);
  }
  .swatch {
    display: inline-block;
    width: 10px;
    height: 10px;
    border-radius: 3px;
    margin-right: 6px;
    vertical-align: -1px;
  }
`;
