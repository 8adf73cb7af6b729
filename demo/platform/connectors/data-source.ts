// Data source (seed 004): imports products into the platform. Options NAME (required), SHOULD_FAIL,
// PRODUCT_COUNT, DELAY_MS.
import { setTimeout as sleep } from 'node:timers/promises';
import { checked, integer, required } from './lib/config.js';
import { LogLevel, OutputFile, type ContainerApi, type Product } from './lib/container-api.js';

export async function healthCheck(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number> {
  const name = required(env, 'NAME');
  const count = integer(env, 'PRODUCT_COUNT', 5, 10_000);
  const delay = integer(env, 'DELAY_MS', 0, 600_000);
  if (!name || count === undefined || delay === undefined) return 1;
  await api.health();
  return 0;
}

export async function run(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number> {
  const name = env.NAME!.trim();
  const count = integer(env, 'PRODUCT_COUNT', 5, 10_000)!;
  await api.log(LogLevel.INFO, `Importing ${count} product(s) for ${name}`);
  const delay = integer(env, 'DELAY_MS', 0, 600_000)!;
  if (delay) await sleep(delay);
  if (checked(env, 'SHOULD_FAIL')) {
    // An unsuccessful run is a non-zero exit code, e.g. when the credentials are wrong.
    await api.log(LogLevel.ERROR, 'SHOULD_FAIL is checked: this run fails on purpose');
    return 1;
  }
  const total = await api.appendManyToFile(OutputFile.OUTPUT, catalogue(name, count));
  await api.log(LogLevel.SUCCESS, `Hello ${name}: imported ${total} product(s)`);
  return 0;
}

const ITEMS = [
  ['Trail Running Shoe', 'Footwear', 119],
  ['Merino Base Layer', 'Apparel', 79],
  ['Insulated Bottle', 'Accessories', 29],
  ['Packable Rain Jacket', 'Apparel', 149],
  ['Headlamp 400', 'Equipment', 45],
  ['Ultralight Tent', 'Equipment', 389],
  ['Hiking Pole Pair', 'Equipment', 89],
] as const;

/** A deterministic catalogue: the same NAME always imports the same products. */
function catalogue(name: string, count: number): Product[] {
  const prefix =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'product';
  return Array.from({ length: count }, (_, i) => {
    const [title, category, price] = ITEMS[i % ITEMS.length]!;
    const edition = Math.floor(i / ITEMS.length);
    return {
      id: `${prefix}-${String(i + 1).padStart(4, '0')}`,
      name: edition ? `${name} ${title} ${edition + 1}` : `${name} ${title}`,
      category,
      price: Math.round(price * (1 + edition * 0.05) * 100) / 100,
      in_stock: i % 4 !== 3,
    };
  });
}
