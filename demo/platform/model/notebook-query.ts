import { z } from 'zod';

/**
 * A notebook's query cell, as data: what to group the sales by, and filters bound to the notebook's
 * parameters. It is compiled to SQL from fixed pieces (columns and operators come from lists here,
 * values are bound), so a notebook author never writes SQL and a query can reach nothing but `sales`.
 */
export const QueryCell = z.object({
  /** The chart's stacks and the table's second column. */
  series: z.enum(['product', 'region']),
  parameters: z
    .array(
      z.object({
        name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/, 'a name of letters, digits and _'),
        type: z.enum(['select', 'number', 'date']),
        options: z.array(z.string().min(1).max(64)).max(50).optional(),
        default: z.union([z.string().max(64), z.number()]),
      }),
    )
    .max(20),
  filters: z
    .array(
      z.object({
        column: z.enum(['region', 'product', 'amount', 'date']),
        op: z.enum(['eq', 'gte', 'lte']),
        /** The parameter whose value the column is compared with. */
        param: z.string(),
        /** A value that means "no filter" (e.g. ALL for a region select). */
        anyValue: z.string().max(64).optional(),
      }),
    )
    .max(20),
});
export type QueryCell = z.infer<typeof QueryCell>;
export type QueryParameter = QueryCell['parameters'][number];

/** The seeded "Sales analysis" notebook's query: revenue by month and product, four parameters. */
export const SALES_BY_PRODUCT: QueryCell = {
  series: 'product',
  parameters: [
    { name: 'region', type: 'select', options: ['ALL', 'EMEA', 'AMER', 'APAC'], default: 'ALL' },
    { name: 'minAmount', type: 'number', default: 0 },
    { name: 'from', type: 'date', default: '2024-01-01' },
    { name: 'to', type: 'date', default: '2024-12-31' },
  ],
  filters: [
    { column: 'region', op: 'eq', param: 'region', anyValue: 'ALL' },
    { column: 'amount', op: 'gte', param: 'minAmount' },
    { column: 'date', op: 'gte', param: 'from' },
    { column: 'date', op: 'lte', param: 'to' },
  ],
};

/** Problems that make a query cell unusable (a filter on an unknown parameter, a select without options). */
export function queryProblems(query: QueryCell): string[] {
  const names = new Set(query.parameters.map((p) => p.name));
  const problems: string[] = [];
  if (names.size !== query.parameters.length) problems.push('parameter names must be unique');
  for (const f of query.filters)
    if (!names.has(f.param)) problems.push(`filter on ${f.column} uses unknown parameter ${f.param}`);
  for (const p of query.parameters) {
    if (p.type === 'select' && (!p.options?.length || !p.options.includes(String(p.default))))
      problems.push(`${p.name}: a select needs options that include its default`);
    if (p.type === 'number' && typeof p.default !== 'number') problems.push(`${p.name}: the default must be a number`);
    if (p.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(String(p.default)))
      problems.push(`${p.name}: the default must be a date YYYY-MM-DD`);
  }
  return problems;
}

const OPERATORS = { eq: '=', gte: '>=', lte: '<=' } as const;

/** The SQL and bound values for a query cell with resolved parameter values. */
export function compileQuery(
  query: QueryCell,
  values: Record<string, string | number>,
): { sql: string; bindings: Array<string | number> } {
  const where: string[] = [];
  const bindings: Array<string | number> = [];
  for (const filter of query.filters) {
    const value = values[filter.param];
    if (value === undefined || (filter.anyValue !== undefined && value === filter.anyValue)) continue;
    // Column and operator come from the enums above, never from the caller's text.
    where.push(`${filter.column} ${OPERATORS[filter.op]} ?`);
    bindings.push(value);
  }
  const series = query.series === 'region' ? 'region' : 'product';
  return {
    sql: `SELECT substr(date, 1, 7) AS month, ${series} AS product, COUNT(*) AS orders, ROUND(SUM(amount), 2) AS revenue
          FROM sales ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
          GROUP BY month, ${series} ORDER BY month, ${series}`,
    bindings,
  };
}
