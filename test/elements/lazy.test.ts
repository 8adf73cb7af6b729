import { expect } from '@esm-bundle/chai';
import '../../src/index.js';
import type { NotebookEmbed } from '../../src/elements/notebook-embed.component.js';
import { fixture, frames, mockEmbed, mount, oneEvent, onCleanup, TOKEN, until } from './helpers.js';

/** A provider that counts its calls. */
function counted() {
  const provider = async () => `t-${++provider.calls}`;
  provider.calls = 0;
  return provider;
}

/** A tall spacer, so what follows starts far below the viewport. */
function spacer(height = 6_000): HTMLDivElement {
  const div = fixture<HTMLDivElement>(`<div style="height:${height}px"></div>`);
  onCleanup(() => window.scrollTo(0, 0));
  return div;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('loading="lazy" (issue 13)', () => {
  it('an embed far below the viewport creates no iframe and asks no token until scrolled near', async () => {
    const embed = mockEmbed();
    spacer();
    const provider = counted();
    const el = mount('notebook-embed', (el) => {
      el.setAttribute('loading', 'lazy');
      el.src = embed.url;
      el.tokenProvider = provider;
    });
    await settle();
    expect(frames(el)).to.have.length(0);
    expect(provider.calls).to.equal(0);
    expect(el.state).to.equal('idle');
    el.scrollIntoView();
    await oneEvent(el, 'ready');
    expect(frames(el)).to.have.length(1);
    expect(provider.calls).to.equal(1);
  });

  it('loads when it comes within the margin, before it is visible', async () => {
    const embed = mockEmbed();
    spacer();
    const el = mount('notebook-embed', (el) => {
      el.setAttribute('loading', 'lazy');
      el.src = embed.url;
      el.accessToken = TOKEN;
    });
    await settle();
    expect(frames(el)).to.have.length(0);
    // Scroll so that the element's top is 100 px below the viewport's bottom edge.
    window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - window.innerHeight - 100);
    await until(() => frames(el).length === 1, 'iframe near the viewport');
    expect(el.getBoundingClientRect().top).to.be.greaterThan(window.innerHeight);
  });

  it('methods called before loading wait for it', async () => {
    const embed = mockEmbed({ rpc: true, params: { early: 1 } });
    spacer();
    const el = mount('notebook-embed', (el) => {
      el.loading = 'lazy';
      el.src = embed.url;
      el.accessToken = TOKEN;
    }) as NotebookEmbed;
    const pending = el.getParameters();
    await settle();
    expect(frames(el)).to.have.length(0);
    el.scrollIntoView();
    expect(await pending).to.deep.equal({ early: 1 });
  });

  it('eager (the default) loads at once even far below the viewport (control)', async () => {
    const embed = mockEmbed();
    spacer();
    const el = mount('notebook-embed', (el) => ((el.src = embed.url), (el.accessToken = TOKEN)));
    expect(el.loading).to.equal('eager');
    await oneEvent(el, 'ready');
  });

  it('a lazy embed removed before it came near leaves no observer work behind', async () => {
    const embed = mockEmbed();
    spacer();
    const provider = counted();
    const el = mount('notebook-embed', (el) => {
      el.loading = 'lazy';
      el.src = embed.url;
      el.tokenProvider = provider;
    });
    await settle();
    el.remove();
    window.scrollTo(0, document.body.scrollHeight);
    await settle();
    expect(provider.calls).to.equal(0);
    expect(frames(el)).to.have.length(0);
  });
});

describe('loading="lazy": the first screen first (issue 13)', () => {
  /** Two lazy embeds: one filling the viewport, one starting just below it (within the margin). */
  function firstScreenAndNext(embed: { url: string }) {
    const make = () =>
      mount('notebook-embed', (el) => {
        el.loading = 'lazy';
        el.src = embed.url;
        el.accessToken = TOKEN;
        el.style.display = 'block';
        el.style.setProperty('--frameport-height', `${window.innerHeight + 20}px`);
      });
    return [make(), make()] as const;
  }

  it('an embed within the margin but not visible waits until the visible ones are ready', async () => {
    const embed = mockEmbed();
    const [visible, next] = firstScreenAndNext(embed);
    const nextFramesAtReady = new Promise<number>((resolve) =>
      visible.addEventListener('ready', () => resolve(frames(next).length), { once: true }),
    );
    expect(await nextFramesAtReady).to.equal(0); // nothing competed with the first screen
    expect(next.getBoundingClientRect().top).to.be.greaterThan(window.innerHeight - 1); // really off screen
    await oneEvent(next, 'ready'); // and it loads right after, without scrolling
  });

  it('a lazy embed in the viewport makes its iframe before the next frame is rendered', async () => {
    const embed = mockEmbed();
    const el = document.createElement('notebook-embed');
    el.loading = 'lazy';
    el.src = embed.url;
    el.accessToken = TOKEN;
    onCleanup(() => el.remove());
    let framesAtNextFrame = -1;
    requestAnimationFrame(() => (framesAtNextFrame = frames(el).length));
    document.body.append(el);
    await oneEvent(el, 'ready');
    expect(framesAtNextFrame).to.equal(1); // not a rendered frame later, when the observer reports
  });

  it('an embed within the margin loads even when the visible one never gets ready (bounded wait)', async () => {
    const silent = mockEmbed({ silent: true });
    const embed = mockEmbed();
    const visible = mount('notebook-embed', (el) => {
      el.loading = 'lazy';
      el.src = silent.url;
      el.accessToken = TOKEN;
      el.style.display = 'block';
      el.style.setProperty('--frameport-height', `${window.innerHeight + 20}px`);
    });
    const next = mount('notebook-embed', (el) => {
      el.loading = 'lazy';
      el.src = embed.url;
      el.accessToken = TOKEN;
    });
    await oneEvent(next, 'ready');
    expect(visible.state).to.equal('loading');
  });
});

describe('a closed modal embed (issue 13)', () => {
  it('loads nothing until first opened, then keeps its frame when closed', async () => {
    const embed = mockEmbed();
    const provider = counted();
    const el = mount('notebook-embed', (el) => {
      el.modal = true;
      el.src = embed.url;
      el.tokenProvider = provider;
    });
    await settle();
    expect(frames(el)).to.have.length(0);
    expect(provider.calls).to.equal(0);
    el.show();
    await oneEvent(el, 'ready');
    expect(provider.calls).to.equal(1);
    const [iframe] = frames(el);
    el.close();
    await settle();
    expect(frames(el)).to.deep.equal([iframe]); // closing does not unload
  });

  it('an open modal loads at once (control)', async () => {
    const embed = mockEmbed();
    const el = mount('notebook-embed', (el) => {
      el.modal = true;
      el.open = true;
      el.src = embed.url;
      el.accessToken = TOKEN;
    });
    await oneEvent(el, 'ready');
  });
});
