// The same embed page exposing getParameters with Penpal 7.
import { WindowMessenger, connect } from 'penpal';
import { BASE_PARAMS, query } from './shared.js';

const HOST = query().get('host');
const params = { ...BASE_PARAMS };
connect({
  messenger: new WindowMessenger({ remoteWindow: window.parent, allowedOrigins: [HOST] }),
  methods: { getParameters: () => params },
});
