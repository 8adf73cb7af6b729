// Host page using the SDK as users ship it: dist/cdn/frameport.js is loaded by a module
// script before this one and has registered <notebook-embed>.
import {
  TOKEN,
  probe,
  burst,
  deadline,
  fetchToken,
  guestUrl,
  listenerCounts,
  now,
  query,
  sequential,
  tokenAck,
  tokenEndpoint,
} from './host-common.js';

// `?guestPage=`: another variant's embed page (to split host-side from guest-side cost).
const URL_ = guestUrl(query().get('guestPage') ?? 'frameport');
const frameOf = (el) => el.shadowRoot?.querySelector('iframe') ?? null;

function create() {
  const el = document.createElement('notebook-embed');
  el.className = 'embed';
  el.src = URL_;
  el.accessToken = TOKEN;
  el.handshakeTimeout = 120_000; // 50 guests loading on a busy 2-core machine can take > 10 s
  return el;
}

const whenReady = (el) =>
  new Promise((resolve, reject) => {
    el.addEventListener('ready', () => resolve(now()), { once: true });
    el.addEventListener('error', (event) => reject(new Error(`bench: embed error ${JSON.stringify(event.detail)}`)), {
      once: true,
    });
  });

let kept;
// The CDN module is already loaded by the page: this import returns the same instance.
const sdkUrl = '/frameport.js';
const sdk = import(sdkUrl);

window.bench = {
  variant: 'frameport',
  sdkLoaded: () => Boolean(customElements.get('notebook-embed')),

  /** Insert -> the guest acknowledges holding the token (host clock). */
  async handshake() {
    const t0 = now();
    const el = create();
    const ack = tokenAck(() => frameOf(el));
    const ready = whenReady(el);
    document.body.append(el);
    const [tAck, tReady] = await deadline(Promise.all([ack, ready]), 20_000, 'handshake');
    const marks = await probe(() => frameOf(el), t0);
    el.remove();
    return { ms: tAck - t0, readyMs: tReady - t0, marks };
  },

  /** Insert -> guest holds the token, the token from the host app's endpoint answering after `delay` ms. */
  async handshakeSlowToken(delay) {
    const t0 = now();
    const el = create();
    el.accessToken = undefined;
    el.tokenUrl = tokenEndpoint(delay);
    const ack = tokenAck(() => frameOf(el));
    const ready = whenReady(el);
    document.body.append(el);
    const [tAck] = await deadline(Promise.all([ack, ready]), 20_000, 'handshake');
    el.remove();
    return tAck - t0;
  },

  /** One token fetch alone (the other half of max(frame load, token fetch)). */
  async tokenFetch(delay) {
    const t0 = now();
    await fetchToken(delay);
    return now() - t0;
  },

  /**
   * A scrolling page of `n` lazy embeds: insert -> every embed of the first screen `ready`.
   * The embeds below wait until scrolled near (`loading="lazy"`).
   */
  async scrollPage(n) {
    window.scrollTo(0, 0);
    const t0 = now();
    const els = Array.from({ length: n }, () => {
      const el = create();
      el.loading = 'lazy';
      el.style.setProperty('--frameport-height', '400px'); // a dashboard's embed, not the bench's 120 px strip
      return el;
    });
    document.body.append(...els);
    await Promise.all(els.map((el) => el.updateComplete)); // laid out at their placeholder height
    const firstScreen = els.filter((el) => el.getBoundingClientRect().top < innerHeight);
    const times = await deadline(Promise.all(firstScreen.map(whenReady)), 60_000, 'scroll page');
    const loaded = els.filter((el) => frameOf(el)).length;
    for (const el of els) el.remove();
    return { ms: Math.max(...times) - t0, firstScreen: firstScreen.length, loaded };
  },

  /** The same handshake through frameport/host `connect()` on a plain iframe: no element (diagnostic). */
  async handshakeBridge() {
    const { connect } = await sdk;
    const t0 = now();
    const iframe = document.createElement('iframe');
    iframe.className = 'embed';
    let resolveReady;
    const ready = new Promise((resolve) => (resolveReady = resolve));
    const ack = tokenAck(() => iframe);
    const connection = connect(iframe, {
      url: `${URL_}&lang=en`,
      tokenSource: { get: () => Promise.resolve({ token: TOKEN }) },
      onReady: () => resolveReady(now()),
    });
    document.body.append(iframe);
    const [tAck, tReady] = await deadline(Promise.all([ack, ready]), 20_000, 'handshake');
    const marks = await probe(() => iframe, t0);
    connection.close();
    iframe.remove();
    return { ms: tAck - t0, readyMs: tReady - t0, marks };
  },

  async setup() {
    kept = create();
    const ack = tokenAck(() => frameOf(kept));
    const ready = whenReady(kept);
    document.body.append(kept);
    await deadline(Promise.all([ack, ready]), 20_000, 'setup');
  },
  teardown() {
    kept?.remove();
    kept = undefined;
  },

  /** n PARAMETER_CHANGED from the guest -> n `parameter-change` CustomEvents on the element. */
  events(n, raw = false) {
    return deadline(
      burst(
        () => frameOf(kept),
        n,
        raw,
        (on) => {
          const listener = (event) => on(event.detail.value);
          kept.addEventListener('parameter-change', listener);
          return () => kept.removeEventListener('parameter-change', listener);
        },
      ),
      60_000,
      'events',
    );
  },

  rpc(n) {
    return deadline(
      sequential(n, () => kept.getParameters()),
      60_000,
      'rpc',
    );
  },

  /** n embeds inserted at once: per-embed time from insertion to `ready`. */
  async scale(n) {
    const t0 = now();
    const els = Array.from({ length: n }, create);
    const ready = els.map(whenReady);
    document.body.append(...els);
    const times = (await deadline(Promise.all(ready), 60_000, 'scale')).map((t) => t - t0);
    for (const el of els) el.remove();
    return times;
  },

  /** Mount and unmount `cycles` times; every `fullEvery`-th cycle waits for ready and makes one RPC call. */
  async leak(cycles, fullEvery) {
    for (let i = 0; i < cycles; i++) {
      const el = create();
      const full = fullEvery > 0 && i % fullEvery === 0;
      const ready = full ? whenReady(el) : undefined;
      document.body.append(el);
      if (full) {
        await deadline(ready, 20_000, 'leak handshake');
        await el.getParameters();
      } else {
        await el.updateComplete;
      }
      el.remove();
    }
  },

  listeners: listenerCounts,
  liveCounts: () => ({
    embeds: document.querySelectorAll('notebook-embed').length,
    iframes: document.querySelectorAll('iframe').length,
  }),
};
