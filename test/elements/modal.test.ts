import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/index.js';
import type { NotebookEmbed } from '../../src/elements/notebook-embed.component.js';
import { fixture, frame, mockEmbed, mount, oneEvent, part, record, TOKEN, until } from './helpers.js';

const dialogOf = (el: Element) => el.shadowRoot!.querySelector('dialog')!;

/** A ready modal notebook and a button that had focus before it opened. */
async function openModal(options: { open?: boolean } = {}) {
  const opener = fixture<HTMLButtonElement>('<button>Open</button>');
  opener.focus();
  const embed = mockEmbed();
  const el = mount('notebook-embed', (el) => {
    el.src = embed.url;
    el.accessToken = TOKEN;
    el.modal = true;
  });
  // A closed modal loads nothing until first opened: wait for the handshake only once shown.
  if (options.open ?? true) {
    const ready = oneEvent(el, 'ready');
    el.show();
    await el.updateComplete;
    await ready;
  }
  return { el, embed, opener };
}

/** Gives the page a user activation inside the dialog, so Chrome lets Escape's `cancel` be cancelled. */
async function activate(el: NotebookEmbed) {
  const header = part(el, 'header')!.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(header.left + 10), Math.round(header.top + header.height / 2)],
  });
}

describe('modal', () => {
  it('opens with showModal(): backdrop, a labelled close button, focus inside', async () => {
    const { el } = await openModal();
    const dialog = dialogOf(el);
    expect(dialog.matches(':modal')).to.equal(true);
    expect(el.open).to.equal(true);
    expect(el.hasAttribute('open')).to.equal(true);
    const close = part<HTMLButtonElement>(el, 'close-button')!;
    expect(close.getAttribute('aria-label')).to.equal('Close');
    expect(el.shadowRoot!.activeElement).to.equal(close);
  });

  it('stays closed until show(), and open / close() control it', async () => {
    const { el } = await openModal({ open: false });
    expect(dialogOf(el).open).to.equal(false);
    el.open = true;
    await el.updateComplete;
    expect(dialogOf(el).matches(':modal')).to.equal(true);
    el.close();
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(false);
    expect(el.hasAttribute('open')).to.equal(false);
  });

  it('closes with the X button: close {reason: "button"}, focus back on the opener', async () => {
    const { el, opener } = await openModal();
    const closing = oneEvent<CustomEvent>(el, 'close');
    part<HTMLButtonElement>(el, 'close-button')!.click();
    const event = await closing;
    expect(event.detail).to.deep.equal({ reason: 'button' });
    expect(event.cancelable).to.equal(true);
    expect(event.bubbles).to.equal(false);
    expect(el.open).to.equal(false);
    expect(dialogOf(el).open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('closes with Escape: close {reason: "escape"}, focus back on the opener', async () => {
    const { el, opener } = await openModal();
    const closing = oneEvent<CustomEvent>(el, 'close');
    await sendKeys({ press: 'Escape' });
    expect((await closing).detail).to.deep.equal({ reason: 'escape' });
    await until(() => !dialogOf(el).open, 'dialog closed');
    expect(el.open).to.equal(false);
    await until(() => document.activeElement === opener, 'focus on the opener');
  });

  it('closes with a click on the backdrop: close {reason: "backdrop"}', async () => {
    const { el, opener } = await openModal();
    const closing = oneEvent<CustomEvent>(el, 'close');
    await sendMouse({ type: 'click', position: [3, 3] });
    expect((await closing).detail).to.deep.equal({ reason: 'backdrop' });
    expect(el.open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it('does not close on a click inside the dialog', async () => {
    const { el } = await openModal();
    const seen = record(el, 'close');
    await activate(el);
    expect(seen).to.have.length(0);
    expect(dialogOf(el).open).to.equal(true);
  });

  it('stays open when a close listener calls preventDefault(), for every reason', async () => {
    const { el, embed } = await openModal();
    const seen: string[] = [];
    el.addEventListener('close', (event) => {
      seen.push(event.detail.reason);
      event.preventDefault();
    });
    part<HTMLButtonElement>(el, 'close-button')!.click();
    await sendMouse({ type: 'click', position: [3, 3] });
    await activate(el);
    await sendKeys({ press: 'Escape' });
    await embed.emit({ type: 'CLOSE' });
    await until(() => seen.length === 4, 'four close events');
    expect(seen).to.deep.equal(['button', 'backdrop', 'escape', 'embed']);
    await el.updateComplete;
    expect(el.open).to.equal(true);
    expect(dialogOf(el).matches(':modal')).to.equal(true);
  });

  it("closes on the embed's CLOSE with reason embed", async () => {
    const { el, embed, opener } = await openModal();
    const closing = oneEvent<CustomEvent>(el, 'close');
    await embed.emit({ type: 'CLOSE' });
    expect((await closing).detail).to.deep.equal({ reason: 'embed' });
    expect(el.open).to.equal(false);
    expect(dialogOf(el).open).to.equal(false);
    expect(document.activeElement).to.equal(opener);
  });

  it("fires close {reason: 'embed'} inline too, without hiding anything", async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    const closing = oneEvent<CustomEvent>(el, 'close');
    await embed.emit({ type: 'CLOSE' });
    expect((await closing).detail).to.deep.equal({ reason: 'embed' });
    expect(frame(el).getBoundingClientRect().height).to.be.greaterThan(0);
  });

  it('names the close button from i18nOverrides', async () => {
    const { el } = await openModal();
    el.i18nOverrides = { 'frameport.close': 'Schließen' };
    await el.updateComplete;
    expect(part(el, 'close-button')!.getAttribute('aria-label')).to.equal('Schließen');
  });

  it('switches between inline and modal with the same iframe: no reload, no new handshake', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    const iframe = frame(el);
    const readies = record(el, 'ready');
    expect(part(el, 'header')!.hidden).to.equal(true);

    el.modal = true;
    el.open = true;
    await el.updateComplete;
    expect(dialogOf(el).matches(':modal')).to.equal(true);
    expect(part(el, 'header')!.hidden).to.equal(false);

    el.modal = false;
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(false);
    expect(frame(el).getBoundingClientRect().height).to.be.greaterThan(0); // shown inline

    el.modal = true;
    await el.updateComplete;
    expect(dialogOf(el).matches(':modal')).to.equal(true);

    // The embed answers a round trip, so anything a reload would have sent has arrived by now.
    await embed.emit({ type: 'RESIZE', height: 200 });
    expect(frame(el)).to.equal(iframe);
    expect(embed.loads).to.equal(1);
    expect(embed.all('SET_TOKEN')).to.have.length(1);
    expect(readies).to.have.length(0);
  });

  it('an open modal removed and re-added opens as a modal again', async () => {
    const { el } = await openModal();
    const parent = el.parentElement!;
    const seen = record(el, 'close');
    el.remove();
    parent.append(el);
    await oneEvent(el, 'ready');
    await el.updateComplete;
    expect(dialogOf(el).matches(':modal')).to.equal(true);
    expect(el.open).to.equal(true);
    expect(seen).to.have.length(0);
  });

  it('<execution-details> opens as a modal from settings.modal', async () => {
    const el = mount('execution-details', (el) => (el.settings = { modal: true }));
    el.show();
    await el.updateComplete;
    expect(dialogOf(el).matches(':modal')).to.equal(true);
    el.close();
    await el.updateComplete;
    expect(dialogOf(el).open).to.equal(false);
  });
});
