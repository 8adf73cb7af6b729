// Delta export (seed 004): exports only the rows that are new, changed or deleted since this job's
// last successful run, keyed by DELTA_KEY. Fails when a row has no key or two rows share one.
import { required } from './lib/config.js';
import { LogLevel, OutputFile, type ContainerApi, type Product } from './lib/container-api.js';

export async function healthCheck(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number> {
  if (!required(env, 'CHANNEL')) return 1;
  await api.health();
  return 0;
}

export async function run(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number> {
  const channel = env.CHANNEL!.trim();
  const key = env.DELTA_KEY?.trim() || 'id';
  const current = await api.readAll('input');
  const previous = await api.readAll('previous');

  const byKey = new Map<string, Product>();
  for (const [i, row] of current.entries()) {
    const value = row[key];
    if (value === null || value === undefined || value === '') {
      await api.log(LogLevel.ERROR, `Row ${i + 1} has no ${key}: every row needs the delta key`);
      return 1;
    }
    if (byKey.has(String(value))) {
      await api.log(LogLevel.ERROR, `Duplicate delta key ${key} = "${value}": the delta key must be unique`);
      return 1;
    }
    byKey.set(String(value), row);
  }
  const before = new Map(previous.map((row) => [String(row[key]), row]));

  const delta: Product[] = [];
  let unchanged = 0;
  for (const [k, row] of byKey) {
    const old = before.get(k);
    if (!old) delta.push({ ...row, _delta: 'NEW' });
    else if (JSON.stringify(old) !== JSON.stringify(row)) delta.push({ ...row, _delta: 'CHANGED' });
    else unchanged++;
  }
  for (const k of before.keys()) if (!byKey.has(k)) delta.push({ [key]: k, _delta: 'DELETED' });

  await api.appendManyToFile(OutputFile.OUTPUT, delta);
  const count = (kind: string) => delta.filter((row) => row._delta === kind).length;
  await api.appendManyToFile(
    OutputFile.FEEDBACK,
    delta.map((row) => ({ id: String(row[key]), status: String(row._delta) })),
  );
  await api.log(
    LogLevel.SUCCESS,
    `Delta to ${channel}: ${count('NEW')} new, ${count('CHANGED')} changed, ${count('DELETED')} deleted, ${unchanged} unchanged`,
  );
  return 0;
}
