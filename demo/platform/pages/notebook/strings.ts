/**
 * Every visible string of the notebook page, keyed by stable ids (override with `i18nOverrides`).
 * Parameter labels default to the labels configured on the integration (`param.<name>`).
 */
export const en = {
  waiting: 'Waiting for the host application to sign in…',
  loading: 'Loading notebook…',
  loadFailed: 'The notebook could not be loaded: {message}',
  'params.title': 'Parameters',
  'params.stale': 'Parameters changed: run all to update the results.',
  'actions.runAll': 'Run all',
  'actions.running': 'Running…',
  'run.lastRun': 'Last run {time}',
  'run.failed': 'The run failed: {message}',
  'result.empty': 'No orders match these parameters.',
  'result.totals': '{orders} orders · {revenue} revenue',
  'chart.label': 'Revenue by month, stacked by product',
  'column.month': 'Month',
  'column.product': 'Product',
  'column.orders': 'Orders',
  'column.revenue': 'Revenue',
  'column.total': 'Total',
  'option.region.ALL': 'All regions',
  'option.region.EMEA': 'Europe, Middle East & Africa',
  'option.region.AMER': 'Americas',
  'option.region.APAC': 'Asia Pacific',
};
export type NotebookStringId = keyof typeof en;

export const de: Partial<Record<NotebookStringId, string>> = {
  waiting: 'Warte auf die Anmeldung durch die Anwendung…',
  loading: 'Notebook wird geladen…',
  'params.title': 'Parameter',
  'params.stale': 'Parameter geändert: „Alle ausführen“ aktualisiert die Ergebnisse.',
  'actions.runAll': 'Alle ausführen',
  'actions.running': 'Läuft…',
  'run.lastRun': 'Zuletzt ausgeführt {time}',
  'result.empty': 'Keine Bestellungen für diese Parameter.',
  'result.totals': '{orders} Bestellungen · {revenue} Umsatz',
  'column.month': 'Monat',
  'column.product': 'Produkt',
  'column.orders': 'Bestellungen',
  'column.revenue': 'Umsatz',
  'column.total': 'Summe',
  'option.region.ALL': 'Alle Regionen',
  'option.region.AMER': 'Amerika',
  'option.region.APAC': 'Asien-Pazifik',
};
