// Penpal 7 doing the same call: WindowMessenger handshake, then remote.getParameters().
import { WindowMessenger, connect } from 'penpal';
import { GUEST, deadline, guestUrl, sequential } from './host-common.js';

let iframe;
let connection;
let remote;

window.bench = {
  variant: 'penpal',
  sdkLoaded: () => true,
  async setup() {
    iframe = document.createElement('iframe');
    iframe.className = 'embed';
    iframe.src = guestUrl('penpal');
    document.body.append(iframe);
    connection = connect({
      messenger: new WindowMessenger({ remoteWindow: iframe.contentWindow, allowedOrigins: [GUEST] }),
    });
    remote = await deadline(connection.promise, 20_000, 'penpal connect');
  },
  teardown() {
    connection?.destroy();
    iframe?.remove();
  },
  rpc(n) {
    return deadline(
      sequential(n, () => remote.getParameters()),
      60_000,
      'rpc',
    );
  },
};
