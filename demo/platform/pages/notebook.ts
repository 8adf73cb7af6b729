// Entry of /embed/notebooks/:id (the Integration URL): the guest side of <notebook-embed>.
import { createGuest } from 'frameport/guest';
import { ApiClient } from './lib/api.js';
import { readConfig } from './lib/config.js';
import { I18n } from './lib/i18n.js';
import { applyTheme } from './lib/theme.js';
import { de, en } from './notebook/strings.js';
import { NotebookView } from './notebook/view.js';

customElements.define('fp-notebook-view', NotebookView);
const config = readConfig();
const i18n = new I18n({ en, de }, config.language);
const view = new NotebookView();

// A 401 from the API means the token ran out: ask the host for a fresh one (TOKEN_EXPIRED).
const api = new ApiClient(() => guest.emit.tokenExpired());
const guest = createGuest({
  allowedOrigins: config.allowedOrigins,
  api: {
    getParameters: () => view.getParameters(),
    setParameters: (params: Record<string, unknown>) => view.setParameters(params),
    runAll: () => view.runAll(),
  },
  onToken: (token) => {
    api.setToken(token);
    if (view.phase === 'waiting') void view.load();
  },
  onParameters: (params) => void view.setParameters(params),
  onSettings: ({ language, i18nOverrides, theme }) => {
    applyTheme(theme);
    i18n.set(language, i18nOverrides);
  },
});

view.api = api;
view.i18n = i18n;
view.integrationId = config.resourceId;
view.events = {
  parameterChanged: (name, value, params) => guest.emit.parameterChanged(name, value, params),
  runAll: (params) => guest.emit.runAll(params),
  error: (code, message) => guest.emit.error(code, message),
};
// One landmark holds the whole page (axe: landmark-one-main, region).
const main = document.createElement('main');
main.append(view);
document.body.append(main);
