// Entry of /embed/executions/:id: the guest side of <execution-details>.
import { createGuest } from 'frameport/guest';
import { ApiClient } from './lib/api.js';
import { readConfig } from './lib/config.js';
import { I18n } from './lib/i18n.js';
import { applyTheme } from './lib/theme.js';
import { de, en } from './execution/strings.js';
import { ExecutionView } from './execution/view.js';

customElements.define('fp-execution-view', ExecutionView);
const config = readConfig();
const i18n = new I18n({ en, de }, config.language);
const view = new ExecutionView();

// A 401 from the API means the token ran out: ask the host for a fresh one (TOKEN_EXPIRED).
const api = new ApiClient(() => guest.emit.tokenExpired());
const guest = createGuest({
  allowedOrigins: config.allowedOrigins,
  api: { rerun: () => view.rerun() },
  onToken: (token) => {
    api.setToken(token);
    if (view.phase === 'waiting') void view.load();
  },
  onSettings: ({ language, i18nOverrides, theme, modal }) => {
    applyTheme(theme);
    view.modal = modal === true;
    i18n.set(language, i18nOverrides);
  },
});

view.api = api;
view.i18n = i18n;
view.executionId = config.resourceId;
view.events = {
  close: () => guest.emit.close(),
  executionRun: (execution) => guest.emit.executionRun({ ...execution }),
  error: (code, message) => guest.emit.error(code, message),
};
// One landmark holds the whole page (axe: landmark-one-main, region).
const main = document.createElement('main');
main.append(view);
document.body.append(main);
