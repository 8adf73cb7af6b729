import { css } from 'lit';

/**
 * The execution page's own look (cards, pills, buttons and tables come from lib/styles.ts). No
 * nested scroll boxes: the host sizes the frame to the page, so lists grow instead of scrolling;
 * only wide tables scroll sideways, inside a focusable, labelled region.
 */
export const executionStyles = css`
  header {
    display: flex;
    align-items: flex-start;
    gap: 12px;
  }
  header .titles {
    flex: 1;
    min-width: 0;
    display: grid;
    gap: 4px;
  }
  header .muted {
    overflow-wrap: anywhere;
  }
  .facts {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(min(130px, 100%), 1fr));
    gap: 12px;
    margin: 16px 0 0;
  }
  .fact {
    display: grid;
    gap: 2px;
    margin: 0;
  }
  .fact dt {
    font-size: 12px;
    color: var(--fp-muted);
  }
  .fact dd {
    margin: 0;
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  ol.logs {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  ol.logs li {
    display: grid;
    grid-template-columns: auto auto 1fr;
    gap: 8px;
    align-items: baseline;
    padding: 5px 0;
    border-bottom: 1px solid var(--fp-border);
  }
  ol.logs li:last-child {
    border-bottom: 0;
  }
  ol.logs .message {
    min-width: 0;
    overflow-wrap: anywhere;
  }
  ol.logs li.ERROR .message {
    color: var(--fp-fail);
  }
  /* Positioned, so what is inside (the visually hidden header text too) is clipped by it. */
  .scroll-x {
    position: relative;
    overflow-x: auto;
  }
  .scroll-x:focus-visible {
    outline: 2px solid var(--fp-accent);
    outline-offset: 2px;
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
  td.state {
    font-size: 12px;
    font-weight: 600;
    padding-top: 12px;
    min-width: 90px;
  }
  td.state .fixed {
    color: var(--fp-ok);
    white-space: nowrap;
  }
  td.state .failed {
    color: var(--fp-fail);
    font-weight: 500;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: flex-end;
    gap: 8px;
  }
  footer .feedback {
    flex: 1 1 220px;
    margin: 0;
  }
  footer .feedback:empty {
    display: none;
  }
  .waiting {
    display: grid;
    gap: 12px;
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
  .source {
    display: inline-block;
    margin-right: 6px;
    padding: 0 6px;
    border: 1px solid var(--fp-border);
    border-radius: 4px;
    font-size: 11px;
    color: var(--fp-muted);
  }
  .output-table td {
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
    min-width: 0;
  }
  ol.deliveries .mono {
    overflow-wrap: anywhere;
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
  @media (max-width: 480px) {
    ol.logs li {
      grid-template-columns: auto 1fr;
    }
    ol.logs .message {
      grid-column: 1 / -1;
    }
  }
`;
