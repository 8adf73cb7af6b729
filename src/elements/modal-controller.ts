import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { CloseReason } from './events.js';

/** What the controller needs from its element. */
export interface ModalHost extends ReactiveControllerHost, HTMLElement {
  /** Shown as a modal dialog (rather than inline). */
  readonly modal: boolean;
  /** Whether the modal is shown. */
  open: boolean;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/** The element that has focus, looking into shadow roots. */
function deepActiveElement(): HTMLElement | undefined {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

/**
 * The page behind an open modal does not scroll. Counted, so two open modals (or one closing
 * while another opens) leave the page as it was before the first.
 */
const scrollLock = {
  holders: new Set<object>(),
  saved: '',
  hold(owner: object): void {
    if (this.holders.has(owner)) return;
    if (this.holders.size === 0) {
      const root = document.documentElement;
      this.saved = root.style.overflow;
      // CSSOM, not a style attribute from markup: allowed under `style-src 'self'`.
      root.style.overflow = 'hidden';
    }
    this.holders.add(owner);
  },
  release(owner: object): void {
    if (!this.holders.delete(owner) || this.holders.size > 0) return;
    document.documentElement.style.overflow = this.saved;
  },
};

/**
 * The modal behaviour of an embed element's `<dialog>`: `showModal()` / `close()` following
 * `open`, focus moved back to whatever had it before opening, the page's scroll locked while
 * open, and the ways of closing (Escape, backdrop click, a button, the embed's CLOSE) turned
 * into one cancelable `close` event.
 *
 * Inline, the dialog stays closed and CSS shows it as a block (`show()` would move focus into it
 * on page load). Either way the iframe stays where it is in the DOM, so switching never reloads it.
 */
export class ModalController implements ReactiveController {
  readonly #host: ModalHost;
  /** Fires the element's `close` event; false when a listener cancelled it. */
  readonly #emitClose: (reason: CloseReason, cancelable: boolean) => boolean;
  #opener: HTMLElement | undefined;

  constructor(host: ModalHost, emitClose: (reason: CloseReason, cancelable: boolean) => boolean) {
    this.#host = host;
    this.#emitClose = emitClose;
    host.addController(this);
  }

  get #dialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector('dialog');
  }

  hostUpdated(): void {
    if (this.#host.isConnected) this.sync();
  }

  hostDisconnected(): void {
    scrollLock.release(this);
  }

  /** Brings the dialog in line with `modal` and `open`. */
  sync(): void {
    const dialog = this.#dialog;
    if (!dialog) return;
    if (this.#host.modal && this.#host.open) {
      scrollLock.hold(this);
      if (dialog.matches(':modal')) return;
      if (dialog.open) dialog.close(); // left open, but not modal, by a removal from the document
      this.#opener ??= deepActiveElement();
      dialog.showModal();
      return;
    }
    scrollLock.release(this);
    if (dialog.open) {
      dialog.close();
      this.#restoreFocus();
    }
  }

  /** Fires a cancelable `close`; when not cancelled, closes the modal. */
  requestClose(reason: CloseReason, cancelable = true): boolean {
    if (!this.#emitClose(reason, cancelable)) return false;
    if (this.#host.modal && this.#host.open) {
      this.#host.open = false;
      this.sync(); // at once, so focus is back before the caller continues
    }
    return true;
  }

  #restoreFocus(): void {
    const opener = this.#opener;
    this.#opener = undefined;
    if (opener?.isConnected) opener.focus();
  }

  /** Escape. Chrome makes `cancel` non-cancelable when Escape is pressed again without user activation. */
  readonly onCancel = (event: Event): void => {
    if (!event.cancelable) return; // the dialog will close: onDialogClose reports it
    event.preventDefault();
    this.requestClose('escape');
  };

  /** The dialog closed without us (the browser's close request): keep `open` in step and say so. */
  readonly onDialogClose = (): void => {
    const dialog = this.#dialog;
    const host = this.#host;
    if (!dialog || dialog.open || !host.modal || !host.open || !host.isConnected) return;
    host.open = false;
    scrollLock.release(this);
    this.requestClose('escape', false);
    this.#restoreFocus();
  };

  /** A click on the dialog element itself outside its box is a click on the backdrop. */
  readonly onDialogClick = (event: MouseEvent): void => {
    const dialog = this.#dialog;
    if (!dialog || event.target !== dialog || !this.#host.modal || !this.#host.open) return;
    const box = dialog.getBoundingClientRect();
    const inside =
      event.clientX >= box.left &&
      event.clientX <= box.right &&
      event.clientY >= box.top &&
      event.clientY <= box.bottom;
    if (!inside) this.requestClose('backdrop');
  };
}
