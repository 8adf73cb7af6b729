// The hand-written baseline: an iframe, a `message` listener that checks source and origin,
// SET_TOKEN answered with raw postMessage, and (for RPC) a raw MessageChannel request/response.
import {
  GUEST,
  TOKEN,
  probe,
  burst,
  deadline,
  fetchToken,
  guestUrl,
  listenerCounts,
  now,
  sequential,
  tokenAck,
  query,
} from './host-common.js';

// `?guestPage=`: another variant's embed page (to split host-side from guest-side cost).
const URL_ = `${guestUrl(query().get('guestPage') ?? 'raw')}&lang=en`;

/** Mounts one raw embed; `ready` resolves with the host time SET_TOKEN was posted. */
function mount({ withPort = false, tokenDelay } = {}) {
  const iframe = document.createElement('iframe');
  iframe.className = 'embed';
  const embed = { iframe, port: undefined, onEvent: undefined, ready: undefined, unmount };
  let resolveReady;
  embed.ready = new Promise((resolve) => (resolveReady = resolve));
  const onMessage = (event) => {
    if (event.source !== iframe.contentWindow || event.origin !== GUEST) return;
    const data = event.data;
    if (data === null || typeof data !== 'object') return;
    if (data.type === 'READY_FOR_TOKEN' && tokenDelay !== undefined) {
      // A bridge that fetches the token when the embed asks for it.
      fetchToken(tokenDelay).then((token) => {
        iframe.contentWindow?.postMessage({ type: 'SET_TOKEN', token }, GUEST);
        resolveReady(now());
      });
    } else if (data.type === 'READY_FOR_TOKEN') {
      const transfer = [];
      if (withPort) {
        const channel = new MessageChannel();
        embed.port?.close();
        embed.port = channel.port1;
        transfer.push(channel.port2);
      }
      iframe.contentWindow.postMessage({ type: 'SET_TOKEN', token: TOKEN }, GUEST, transfer);
      resolveReady(now());
    } else if (data.type === 'PARAMETER_CHANGED') {
      embed.onEvent?.(data);
    }
  };
  function unmount() {
    removeEventListener('message', onMessage);
    embed.port?.close();
    iframe.remove();
  }
  addEventListener('message', onMessage);
  iframe.src = URL_;
  document.body.append(iframe);
  return embed;
}

/** Request/response over the port: one listener, pending calls by id. */
function client(port) {
  const pending = new Map();
  let seq = 0;
  port.onmessage = ({ data }) => {
    const resolve = pending.get(data.id);
    pending.delete(data.id);
    resolve?.(data.result);
  };
  return (method) =>
    new Promise((resolve) => {
      const id = ++seq;
      pending.set(id, resolve);
      port.postMessage({ id, method, args: [] });
    });
}

let kept;
let call;

window.bench = {
  variant: 'raw',
  sdkLoaded: () => true,

  async handshake() {
    const t0 = now();
    let embed;
    const ack = tokenAck(() => embed?.iframe);
    embed = mount();
    const [tAck, tReady] = await deadline(Promise.all([ack, embed.ready]), 20_000, 'handshake');
    const marks = await probe(() => embed.iframe, t0);
    embed.unmount();
    return { ms: tAck - t0, readyMs: tReady - t0, marks };
  },

  /** Insert -> guest holds the token, fetched from the endpoint (answering after `delay` ms) on READY. */
  async handshakeSlowToken(delay) {
    const t0 = now();
    let embed;
    const ack = tokenAck(() => embed?.iframe);
    embed = mount({ tokenDelay: delay });
    const [tAck] = await deadline(Promise.all([ack, embed.ready]), 20_000, 'handshake');
    embed.unmount();
    return tAck - t0;
  },

  async setup() {
    const ack = tokenAck(() => kept?.iframe);
    kept = mount({ withPort: true });
    await deadline(Promise.all([ack, kept.ready]), 20_000, 'setup');
    call = client(kept.port);
  },
  teardown() {
    kept?.unmount();
    kept = undefined;
  },

  /**
   * n PARAMETER_CHANGED from the guest. `domEvents`: re-dispatched as `parameter-change`
   * CustomEvents on the iframe, the job frameport's element does; else handed to a function.
   */
  events(n, domEvents = false) {
    return deadline(
      burst(
        () => kept.iframe,
        n,
        false,
        (on) => {
          const target = kept.iframe;
          const listener = (event) => on(event.detail.value);
          target.addEventListener('parameter-change', listener);
          kept.onEvent = domEvents
            ? (data) =>
                target.dispatchEvent(
                  new CustomEvent('parameter-change', {
                    detail: { name: data.name, value: data.value, params: data.params },
                  }),
                )
            : (data) => on(data.value);
          return () => {
            kept.onEvent = undefined;
            target.removeEventListener('parameter-change', listener);
          };
        },
      ),
      60_000,
      'events',
    );
  },

  rpc(n) {
    return deadline(
      sequential(n, () => call('getParameters')),
      60_000,
      'rpc',
    );
  },

  async scale(n) {
    const t0 = now();
    const embeds = [];
    for (let i = 0; i < n; i++) embeds.push(mount());
    const times = (await deadline(Promise.all(embeds.map((e) => e.ready)), 60_000, 'scale')).map((t) => t - t0);
    for (const embed of embeds) embed.unmount();
    return times;
  },

  async leak(cycles, fullEvery) {
    for (let i = 0; i < cycles; i++) {
      const full = fullEvery > 0 && i % fullEvery === 0;
      const embed = mount({ withPort: full });
      if (full) {
        await deadline(embed.ready, 20_000, 'leak handshake');
        await client(embed.port)('getParameters');
      } else {
        await Promise.resolve();
      }
      embed.unmount();
    }
  },

  listeners: listenerCounts,
  liveCounts: () => ({
    embeds: document.querySelectorAll('iframe').length,
    iframes: document.querySelectorAll('iframe').length,
  }),
};
