import { css, html, nothing, svg, type TemplateResult } from 'lit';
import type { Execution } from '../../model/executions.js';
import type { I18n } from '../lib/i18n.js';
import { stepName } from './platform-text.js';
import type { ExecutionStringId } from './strings.js';

/** Width drawn before the box is measured (then 1 unit = 1 CSS pixel). */
const DEFAULT_WIDTH = 760;
/** Below this width the step names go above their bars instead of beside them. */
const NARROW = 480;
const AXIS = 26;

/**
 * The steps of an execution as bars over time (a Gantt chart), coloured by status. Drawn as SVG
 * presentation attributes and classes, not inline styles, which the page's CSP does not allow.
 * `width` is the box's CSS width: the chart is drawn at that size, so its text never shrinks;
 * narrow, each step's name goes on its own line above the bar.
 */
export function timeline(
  execution: Execution,
  i18n: I18n<ExecutionStringId>,
  width = DEFAULT_WIDTH,
  now = Date.now(),
): TemplateResult {
  const WIDTH = Math.max(width || DEFAULT_WIDTH, 200);
  const narrow = WIDTH < NARROW;
  const LABEL = narrow ? 0 : 190;
  const ROW = narrow ? 46 : 32;
  const BAR_TOP = narrow ? 20 : 0;
  const start = execution.startedAt;
  const span = Math.max((execution.endedAt ?? now) - start, 1);
  const plot = WIDTH - LABEL - 12;
  const x = (t: number) => LABEL + ((t - start) / span) * plot;
  const height = execution.steps.length * ROW + AXIS;
  const ticks = [0, 0.25, 0.5, 0.75, 1];

  return html`<svg
    class="timeline"
    viewBox="0 0 ${WIDTH} ${height}"
    width=${WIDTH}
    height=${height}
    role="img"
    aria-label=${i18n.plural('timeline.label', { count: execution.steps.length, duration: i18n.duration(span) })}
  >
    ${ticks.map(
      (k) => svg`
        <line class="grid" x1=${LABEL + k * plot} x2=${LABEL + k * plot} y1="0" y2=${height - AXIS + 4}></line>
        ${
          // Narrow: only the start and the end are labelled, so tick labels never overlap.
          narrow && k !== 0 && k !== 1
            ? nothing
            : svg`<text class="tick" x=${LABEL + k * plot} y=${height - 6} text-anchor=${k === 0 ? 'start' : k === 1 ? 'end' : 'middle'}>
          ${k === 0 ? '0' : `+${i18n.duration(span * k)}`}
        </text>`
        }`,
    )}
    ${execution.steps.map((step, i) => {
      const labelY = i * ROW + 6 + 14;
      const y = i * ROW + 6 + BAR_TOP;
      const label = svg`<text class="step" x="0" y=${labelY}>${step.position}. ${stepName(i18n, step.name)}</text>`;
      if (step.startedAt === null) {
        return svg`${label}<text class="pending" x=${LABEL + 4} y=${y + 14}>${i18n.t('timeline.pending')}</text>`;
      }
      const end = step.endedAt ?? now;
      const barX = x(step.startedAt);
      const barW = Math.max(x(end) - barX, 3);
      const statusText = i18n.t(`status.${step.status}` as ExecutionStringId);
      return svg`${label}
        <rect class="bar ${step.status}" x=${barX} y=${y} width=${barW} height="20" rx="4">
          <title>${stepName(i18n, step.name)}: ${statusText}, ${i18n.duration(end - step.startedAt)}</title>
        </rect>
        ${
          // The duration goes after the bar, or inside its end when the bar reaches the right edge.
          barX + barW + 64 > WIDTH
            ? svg`<text class="dur inside" x=${barX + barW - 6} y=${y + 14} text-anchor="end">${i18n.duration(end - step.startedAt)}</text>`
            : svg`<text class="dur" x=${barX + barW + 6} y=${y + 14}>${i18n.duration(end - step.startedAt)}</text>`
        }`;
    })}
  </svg>`;
}

export const timelineStyles = css`
  svg.timeline {
    display: block;
    max-width: 100%;
    height: auto;
    font-size: 12px;
  }
  .grid {
    stroke: var(--fp-border);
    stroke-dasharray: 3 3;
  }
  .tick,
  .dur,
  .pending {
    fill: var(--fp-muted);
    font-size: 11px;
  }
  .dur.inside {
    fill: var(--fp-card);
    font-weight: 600;
  }
  .step {
    fill: var(--fp-fg);
    font-weight: 500;
  }
  .bar {
    fill: var(--fp-idle);
  }
  .bar.SUCCESS {
    fill: var(--fp-ok);
  }
  .bar.FAILED {
    fill: var(--fp-fail);
  }
  .bar.RUNNING {
    fill: var(--fp-run);
    animation: pulse 1.6s ease-in-out infinite;
  }
  @keyframes pulse {
    50% {
      opacity: 0.55;
    }
  }
`;
