import { css } from 'lit';

/**
 * Styles of both embeds. Adopted stylesheets only, no `style=` attribute anywhere, so a host
 * page with `style-src 'self'` sees no CSP violation (THREATS 40). The iframe height that
 * follows RESIZE is set through the CSSOM (`iframe.style.height`), which CSP allows.
 *
 * The iframe lives inside one `<dialog>` that is never re-created: inline mode is that dialog
 * closed and styled as a plain block, modal mode is `showModal()`. Switching modes therefore
 * never moves the iframe in the DOM, which would reload it.
 */
export const embedStyles = css`
  :host {
    display: block;
    position: relative;
    color: var(--frameport-color, inherit);
  }
  :host([hidden]) {
    display: none;
  }
  [hidden] {
    display: none !important;
  }

  /* Built-in colours per theme (the \`theme\` setting, as a class); each --frameport-* property wins. */
  dialog {
    --fp-bg: #fff;
    --fp-fg: #1f2937;
    --fp-border: #d0d5dd;
    --fp-muted: #475467;
    --fp-accent: #2563eb;
    --fp-overlay: rgb(255 255 255 / 92%);
    --fp-hover: rgb(0 0 0 / 6%);
  }
  dialog.dark {
    --fp-bg: #171a21;
    --fp-fg: #e5e7eb;
    --fp-border: #3a4150;
    --fp-muted: #a3acb9;
    --fp-accent: #93b4fd;
    --fp-overlay: rgb(23 26 33 / 92%);
    --fp-hover: rgb(255 255 255 / 10%);
    color-scheme: dark;
  }
  dialog {
    box-sizing: border-box;
    padding: 0;
    border: var(--frameport-border, 1px solid var(--fp-border));
    border-radius: var(--frameport-radius, 8px);
    background: var(--frameport-background, var(--fp-bg));
    color: var(--frameport-color, var(--fp-fg));
    overflow: hidden;
    max-width: none;
    max-height: none;
  }
  /* Closed, so \`display\` overrides the browser's rule that hides a closed dialog. */
  dialog.inline {
    position: static;
    display: block;
    margin: 0;
    width: 100%;
    height: auto;
  }
  dialog.modal {
    width: min(var(--frameport-modal-width, 1100px), calc(100vw - 2rem));
    height: min(var(--frameport-modal-height, 85vh), calc(100vh - 2rem));
    flex-direction: column;
    box-shadow: var(--frameport-modal-shadow, 0 20px 50px rgb(0 0 0 / 30%));
  }
  dialog.modal[open] {
    display: flex;
  }
  dialog.modal::backdrop {
    background: var(--frameport-backdrop, rgb(15 23 42 / 55%));
  }

  .header {
    display: flex;
    justify-content: flex-end;
    padding: 0.25rem;
    border-bottom: var(--frameport-border, 1px solid var(--fp-border));
  }
  .close {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    width: 2.25rem;
    height: 2.25rem;
    padding: 0;
    border: 0;
    border-radius: var(--frameport-radius, 8px);
    background: transparent;
    color: inherit;
    cursor: pointer;
  }
  .close:hover {
    background: var(--fp-hover);
  }
  .close:focus-visible,
  .retry:focus-visible {
    outline: 2px solid var(--frameport-accent, var(--fp-accent));
    outline-offset: 2px;
  }
  .close svg {
    width: 1.125rem;
    height: 1.125rem;
    stroke: currentColor;
    stroke-width: 2;
    stroke-linecap: round;
  }

  .body {
    position: relative;
  }
  .modal .body {
    flex: 1;
    min-height: 0;
  }
  .frame {
    height: 100%;
  }
  iframe {
    display: block;
    width: 100%;
    height: var(--frameport-height, 480px);
    border: 0;
  }
  .modal iframe {
    height: 100% !important;
  }

  .loading {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 0.75rem;
    background: var(--frameport-overlay-background, var(--fp-overlay));
    color: var(--frameport-overlay-color, var(--fp-fg));
    font: var(--frameport-font, inherit);
    /* Shown only when loading takes a while: a fast handshake shows no flash, and a spinner
       waiting out its delay makes the browser draw nothing (a turning one costs it frames). */
    visibility: hidden;
    animation: frameport-appear 0s var(--frameport-loading-delay, 0.4s) forwards;
  }
  @keyframes frameport-appear {
    to {
      visibility: visible;
    }
  }
  .spinner {
    width: 1.5rem;
    height: 1.5rem;
    border: 3px solid var(--frameport-accent, var(--fp-accent));
    border-right-color: transparent;
    border-radius: 50%;
    animation: frameport-spin 0.8s linear var(--frameport-loading-delay, 0.4s) infinite;
  }
  @keyframes frameport-spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation-duration: 3s;
    }
  }

  /* In the flow and sized to its content, the frame hidden meanwhile: nothing is cut off, however
     small the frame had become. */
  .failed .frame {
    display: none;
  }
  .error {
    overflow: auto;
    padding: 1.5rem;
    background: var(--frameport-error-background, var(--fp-bg));
    color: var(--frameport-error-color, var(--fp-fg));
    font: var(--frameport-font, inherit);
  }
  .error-title {
    margin: 0 0 0.5rem;
    font-size: 1.125em;
    font-weight: 600;
  }
  .error p {
    margin: 0 0 0.75rem;
    overflow-wrap: anywhere;
  }
  .error-code {
    font-size: 0.875em;
    color: var(--frameport-muted-color, var(--fp-muted));
  }
  .error details {
    margin-top: 1rem;
  }
  .error summary {
    cursor: pointer;
    font-size: 0.875em;
  }
  .error details[open] summary {
    margin-bottom: 0.5rem;
  }
  .modal .error {
    height: 100%;
  }
  .retry {
    padding: 0.5rem 1rem;
    border: 0;
    border-radius: var(--frameport-radius, 8px);
    background: var(--frameport-accent, var(--fp-accent));
    color: var(--frameport-accent-contrast, var(--fp-bg));
    font: inherit;
    cursor: pointer;
  }
`;

/** `<embed-provider>` only passes settings down; it renders its children as they are. */
export const providerStyles = css`
  :host {
    display: contents;
  }
`;
