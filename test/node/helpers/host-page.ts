import { createServer, type Server } from 'node:http';

/**
 * A bare host page on its own origin (http://localhost:PORT, the platform is on 127.0.0.1) that
 * speaks the wire protocol by hand: it answers READY_FOR_TOKEN and TOKEN_EXPIRED with the next
 * token from `window.tokens`, hands over a MessagePort for RPC, and records every message it accepts
 * in `window.received`. It uses no SDK code, so these tests check the guest pages alone.
 */
const HOST_SCRIPT = `
const frame = document.getElementById('embed');
window.received = [];
window.tokens = [];
let origin;
let port;
let nextId = 0;
const pending = new Map();
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow || event.origin !== origin) return;
  window.received.push(event.data);
  if (event.data.type === 'READY_FOR_TOKEN' || event.data.type === 'TOKEN_EXPIRED') {
    const token = window.tokens.length > 1 ? window.tokens.shift() : window.tokens[0];
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = (e) => {
      const call = pending.get(e.data.id);
      if (!call) return;
      pending.delete(e.data.id);
      if (e.data.type === 'HANDLER') call.reject(new Error(JSON.stringify(e.data.value)));
      else call.resolve(e.data.value);
    };
    frame.contentWindow.postMessage({ type: 'SET_TOKEN', token }, origin, [channel.port2]);
  }
});
window.embed = (src, tokens) => {
  origin = new URL(src).origin;
  window.tokens = tokens;
  frame.src = src;
};
window.send = (message) => frame.contentWindow.postMessage(message, origin);
// A comlink call written out: APPLY of one method with raw arguments.
window.rpc = (method, ...args) =>
  new Promise((resolve, reject) => {
    const id = 'call-' + nextId++;
    pending.set(id, { resolve, reject });
    port.postMessage({ id, type: 'APPLY', path: [method], argumentList: args.map((value) => ({ type: 'RAW', value })) });
  });
`;

const HOST_HTML = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test host</title>
<script type="module" src="/host.js"></script></head>
<body><iframe id="embed" title="embed" width="1000" height="1400"></iframe></body></html>`;

export interface HostPage {
  origin: string;
  close(): Promise<void>;
}

export async function startHostPage(): Promise<HostPage> {
  const server: Server = createServer((req, res) => {
    if (req.url === '/host.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(HOST_SCRIPT);
    } else {
      res.writeHead(200, { 'content-type': 'text/html' }).end(HOST_HTML);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    origin: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
