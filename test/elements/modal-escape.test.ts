import { expect } from '@esm-bundle/chai';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import '../../src/index.js';
import { otherOrigin } from '../../src/testing/index.js';
import { fixture, mount, oneEvent, record, TOKEN, until } from './helpers.js';

/** The fixture page with the real guest runtime, on the other origin. */
const guestUrl = () => `${otherOrigin()}/test/fixtures/guest-embed.html?host=${encodeURIComponent(location.origin)}`;

const dialogOf = (el: Element) => el.shadowRoot!.querySelector('dialog')!;
const frameOf = (el: Element) => el.shadowRoot!.querySelector('iframe')!;

/** Clicks the input inside the cross-origin frame, so focus is in the embed. */
async function focusInsideEmbed(el: Element) {
  const box = frameOf(el).getBoundingClientRect();
  await sendMouse({ type: 'click', position: [Math.round(box.left + 60), Math.round(box.top + 20)] });
  await until(
    () => document.activeElement === el && el.shadowRoot!.activeElement === frameOf(el),
    'focus in the frame',
  );
}

async function openModal() {
  const opener = fixture<HTMLButtonElement>('<button>Open</button>');
  opener.focus();
  const el = mount('notebook-embed', (el) => {
    el.src = guestUrl();
    el.accessToken = TOKEN;
    el.modal = true;
    el.open = true;
  });
  await oneEvent(el, 'ready');
  return { el, opener };
}

describe('modal: Escape inside the embed', () => {
  it('closes the dialog with reason escape when focus is inside the cross-origin frame', async () => {
    const { el, opener } = await openModal();
    expect(dialogOf(el).matches(':modal')).to.equal(true);
    expect(document.documentElement.style.overflow).to.equal('hidden'); // page scroll locked
    await focusInsideEmbed(el);
    const closing = oneEvent<CustomEvent>(el, 'close');
    await sendKeys({ press: 'Escape' });
    expect((await closing).detail).to.deep.equal({ reason: 'escape' });
    await until(() => !dialogOf(el).open, 'dialog closed');
    expect(el.open).to.equal(false);
    expect(document.documentElement.style.overflow).to.equal('');
    await until(() => document.activeElement === opener, 'focus back on the opener');
  });

  it('inline, Escape inside the embed closes nothing (positive control: the same keypress, no modal)', async () => {
    const el = mount('notebook-embed', (el) => ((el.src = guestUrl()), (el.accessToken = TOKEN)));
    await oneEvent(el, 'ready');
    const seen = record(el, 'close');
    await focusInsideEmbed(el);
    await sendKeys({ press: 'Escape' });
    // A round trip through the embed: anything Escape sent has arrived before its answer.
    const answered = new Promise<void>((resolve) =>
      el.addEventListener('parameter-change', (e) => e.detail.value === 'de' && resolve()),
    );
    el.language = 'de';
    await answered;
    expect(seen).to.have.length(0);
  });

  it('the embed is told modal and theme with SET_SETTINGS', async () => {
    const { el } = await openModal();
    await until(() => el.timeline.some((e) => e.type === 'SET_SETTINGS'), 'settings sent');
    const sent = el.timeline.filter((e) => e.type === 'SET_SETTINGS').at(-1)!.detail as Record<string, unknown>;
    expect(sent).to.deep.include({ modal: true });
    expect(['light', 'dark']).to.include(sent.theme);
  });
});
