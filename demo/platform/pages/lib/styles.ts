import { css } from 'lit';

/** Shared look of the embed pages: cards, pills, buttons, tables, form fields. Colours come from embed.css. */
export const baseStyles = css`
  :host {
    display: block;
    font: 14px/1.5 var(--fp-font, system-ui, sans-serif);
    color: var(--fp-fg);
  }
  * {
    box-sizing: border-box;
  }
  h1,
  h2,
  h3 {
    margin: 0;
    line-height: 1.25;
  }
  h1 {
    font-size: 18px;
    font-weight: 650;
  }
  h2 {
    font-size: 13px;
    font-weight: 600;
    color: var(--fp-muted);
    text-transform: uppercase;
    letter-spacing: 0.04em;
    margin-bottom: 12px;
  }
  /* minmax(0, 1fr): a wide table scrolls inside its own region instead of widening the page. */
  .stack {
    display: grid;
    grid-template-columns: minmax(0, 1fr);
    gap: 16px;
  }
  .card {
    background: var(--fp-card);
    border: 1px solid var(--fp-border);
    border-radius: 12px;
    padding: 16px 20px;
    box-shadow: 0 1px 2px rgb(0 0 0 / 0.04);
  }
  .muted {
    color: var(--fp-muted);
  }
  .mono {
    font-family: var(--fp-mono, monospace);
    font-size: 12.5px;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 12px;
    flex-wrap: wrap;
  }
  .spacer {
    flex: 1;
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px;
    border-radius: 999px;
    font-size: 12px;
    font-weight: 600;
    white-space: nowrap;
    background: var(--fp-idle-bg);
    color: var(--fp-muted);
  }
  .pill::before {
    content: '';
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: currentColor;
  }
  .pill.SUCCESS {
    background: var(--fp-ok-bg);
    color: var(--fp-ok);
  }
  .pill.FAILED,
  .pill.ERROR {
    background: var(--fp-fail-bg);
    color: var(--fp-fail);
  }
  .pill.RUNNING,
  .pill.INFO {
    background: var(--fp-run-bg);
    color: var(--fp-run);
  }
  button {
    font: inherit;
    font-weight: 600;
    border-radius: 8px;
    padding: 7px 14px;
    border: 1px solid var(--fp-border);
    background: var(--fp-card);
    color: var(--fp-fg);
    cursor: pointer;
  }
  button:hover:not(:disabled) {
    border-color: var(--fp-muted);
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--fp-accent);
    outline-offset: 1px;
  }
  button:disabled {
    opacity: 0.55;
    cursor: default;
  }
  button.primary {
    background: var(--fp-accent);
    border-color: var(--fp-accent);
    color: var(--fp-accent-fg);
  }
  button.icon {
    width: 32px;
    height: 32px;
    padding: 0;
    display: inline-grid;
    place-items: center;
    font-size: 18px;
    line-height: 1;
    border-color: transparent;
    background: transparent;
    color: var(--fp-muted);
  }
  input,
  select {
    font: inherit;
    color: var(--fp-fg);
    background: var(--fp-card);
    border: 1px solid var(--fp-border);
    border-radius: 8px;
    padding: 6px 9px;
    width: 100%;
    min-width: 0;
  }
  input[aria-invalid='true'] {
    border-color: var(--fp-fail);
    background: color-mix(in srgb, var(--fp-fail-bg) 35%, var(--fp-card));
  }
  label {
    display: grid;
    gap: 4px;
    font-size: 12px;
    font-weight: 600;
    color: var(--fp-muted);
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th {
    text-align: left;
    font-size: 12px;
    font-weight: 600;
    color: var(--fp-muted);
    padding: 6px 8px;
    border-bottom: 1px solid var(--fp-border);
  }
  td {
    padding: 6px 8px;
    border-bottom: 1px solid var(--fp-border);
    vertical-align: top;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .banner {
    border-radius: 10px;
    padding: 10px 14px;
    font-weight: 500;
  }
  .banner.ok {
    background: var(--fp-ok-bg);
    color: var(--fp-ok);
  }
  .banner.error {
    background: var(--fp-fail-bg);
    color: var(--fp-fail);
  }
  .skeleton {
    height: 14px;
    border-radius: 6px;
    background: linear-gradient(90deg, var(--fp-idle-bg), var(--fp-border), var(--fp-idle-bg));
    background-size: 200% 100%;
    animation: shimmer 1.4s ease-in-out infinite;
  }
  .spinner {
    width: 16px;
    height: 16px;
    border-radius: 50%;
    border: 2px solid var(--fp-border);
    border-top-color: var(--fp-accent);
    animation: spin 0.8s linear infinite;
  }
  @keyframes shimmer {
    to {
      background-position: -200% 0;
    }
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (max-width: 480px) {
    .card {
      padding: 12px;
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .skeleton,
    .spinner {
      animation: none;
    }
  }
`;
