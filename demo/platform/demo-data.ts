/**
 * The demo data as plain values (ids, rows, generators), imported by the seeding code and by the
 * demo apps that name them. A leaf module: it imports nothing.
 */

/**
 * Demo data with deterministic ids (see README.md). Written once, in one transaction, the first
 * time a database is opened; a `seeded` setting makes later starts skip it.
 */
export const DEMO = {
  orgId: 'org-demo',
  licenseKey: 'demo-license-key',
  users: ['ada@example.com', 'grace@example.com'],
  subOrgs: ['acme', 'globex'],
  pipelineId: 'customer-import',
  triggerId: 'customer-import-webhook',
  executions: {
    acmeFailed: 'exec-acme-failed',
    acmeSuccess: 'exec-acme-success',
    globexFailed: 'exec-globex-failed',
    globexSuccess: 'exec-globex-success',
  },
  apiKey: { id: 'demo-api-key', secret: 'demo-api-secret' },
  otherApiKey: { id: 'other-api-key', secret: 'other-api-secret' },
  integrationId: 'sales-overview',
  /** Jobs (seed 003, 004): the import pipeline, and connector jobs with dependents. */
  jobs: {
    customerImport: 'customer-import',
    acmeFeed: 'acme-product-feed',
    acmeSlugs: 'acme-feed-slugs',
    acmeExport: 'acme-feed-export',
    acmeDelta: 'acme-feed-delta',
    globexFeed: 'globex-product-feed',
  },
  /** Executions of real connector runs, made once when a database is new. */
  connectorExecutions: {
    acmeFeed: 'exec-acme-feed',
    acmeSlugs: 'exec-acme-feed-slugs',
    acmeExport: 'exec-acme-feed-export',
    acmeDelta: 'exec-acme-feed-delta',
    globexFeedFailed: 'exec-globex-feed-failed',
  },
} as const;

export type DemoRow = { rowNumber: number; data: Record<string, string> };

const FIRST = ['Ada', 'Alan', 'Grace', 'Linus', 'Barbara', 'Edsger', 'Margaret', 'Ken', 'Radia', 'Donald'];
const LAST = [
  'Lovelace',
  'Turing',
  'Hopper',
  'Torvalds',
  'Liskov',
  'Dijkstra',
  'Hamilton',
  'Thompson',
  'Perlman',
  'Knuth',
];
const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'SE', 'ES', 'IT', 'CA', 'JP'];

/**
 * A customer file of `total` rows: valid customers from a seeded PRNG (the same in every database),
 * with the given rows in place at their row numbers.
 */
export function demoCustomers(total: number, seed: number, rows: readonly DemoRow[] = []): DemoRow[] {
  const random = mulberry32(seed);
  const special = new Map(rows.map((row) => [row.rowNumber, row.data]));
  const out: DemoRow[] = [];
  for (let rowNumber = 1; rowNumber <= total; rowNumber++) {
    const first = FIRST[Math.floor(random() * FIRST.length)]!;
    const last = LAST[Math.floor(random() * LAST.length)]!;
    const data = special.get(rowNumber) ?? {
      name: `${first} ${last}`,
      email: `${first}.${last}.${rowNumber}@example.com`.toLowerCase(),
      country: COUNTRIES[Math.floor(random() * COUNTRIES.length)]!,
      amount: (Math.round(random() * 500_000) / 100).toFixed(2),
    };
    out.push({ rowNumber, data });
  }
  return out;
}

/** The five invalid rows of exec-acme-failed (row numbers in a 1,250-row file). */
export const ACME_INVALID_ROWS: readonly DemoRow[] = [
  { rowNumber: 17, data: { name: 'Jane Cooper', email: 'jane.cooper@example', country: 'US', amount: '1250.00' } },
  { rowNumber: 42, data: { name: 'Wade Warren', email: 'wade@warren.io', country: '', amount: '310.50' } },
  {
    rowNumber: 88,
    data: { name: 'Esther Howard', email: 'esther.howard@example.com', country: 'DE', amount: '-45.00' },
  },
  {
    rowNumber: 203,
    data: { name: 'Cameron Williamson', email: 'cameron(at)example.com', country: 'GB', amount: '99.99' },
  },
  { rowNumber: 517, data: { name: 'Brooklyn Simmons', email: 'brooklyn@simmons.dev', country: 'XX', amount: 'abc' } },
];

/** The two invalid rows of exec-globex-failed (in a 312-row file). */
export const GLOBEX_INVALID_ROWS: readonly DemoRow[] = [
  { rowNumber: 9, data: { name: 'Hank Scorpio', email: 'hank@globex', country: 'US', amount: '5000' } },
  { rowNumber: 33, data: { name: '', email: 'frank.grimes@globex.com', country: 'FR', amount: '-10' } },
];

/** 2024's orders, from a seeded PRNG so every database holds the same numbers. */
export function demoSales(): Array<{ date: string; region: string; product: string; amount: number }> {
  const random = mulberry32(2024);
  const regions = ['EMEA', 'AMER', 'APAC'] as const;
  const products = [
    ['Starter plan', 49],
    ['Team plan', 199],
    ['Enterprise plan', 1490],
    ['Support add-on', 290],
  ] as const;
  const sales: Array<{ date: string; region: string; product: string; amount: number }> = [];
  for (let month = 0; month < 12; month++) {
    const orders = 60 + Math.floor(random() * 30) + month * 3; // a little growth over the year
    for (let i = 0; i < orders; i++) {
      const day = 1 + Math.floor(random() * 28);
      const [product, price] = products[Math.floor(random() * products.length)]!;
      const seats = 1 + Math.floor(random() * 8);
      sales.push({
        date: `2024-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
        region: regions[Math.floor(random() * regions.length)]!,
        product,
        amount: Math.round(price * seats * (0.8 + random() * 0.4) * 100) / 100,
      });
    }
  }
  return sales;
}

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
