// Data service (seed 004): changes the data already in the platform. Adds NEW_COLUMN_NAME, a URL
// slug of SOURCE_COLUMN, to every input row; fails when the source column is not in the input.
import { columnsOf, required } from './lib/config.js';
import { LogLevel, OutputFile, type ContainerApi } from './lib/container-api.js';

const COLUMN = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export async function healthCheck(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number> {
  const column = required(env, 'NEW_COLUMN_NAME');
  const source = required(env, 'SOURCE_COLUMN');
  if (!column || !source) return 1;
  if (!COLUMN.test(column)) {
    console.error(`NEW_COLUMN_NAME "${column}" is not a valid column name (letters, digits, _)`);
    return 1;
  }
  await api.health();
  return 0;
}

export async function run(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number> {
  const column = env.NEW_COLUMN_NAME!.trim();
  const source = env.SOURCE_COLUMN!.trim();
  const input = await api.readAll('input');
  await api.log(LogLevel.INFO, `Read ${input.length} row(s) from the stage`);
  const columns = columnsOf(input);
  if (input.length && !columns.includes(source)) {
    await api.log(LogLevel.ERROR, `Column "${source}" is not in the input (columns: ${columns.join(', ')})`);
    return 1;
  }
  const rows = input.map((row) => ({ ...row, [column]: slug(String(row[source] ?? '')) }));
  await api.appendManyToFile(OutputFile.OUTPUT, rows);
  await api.log(LogLevel.SUCCESS, `Added column ${column} (from ${source}) to ${rows.length} row(s)`);
  return 0;
}

const slug = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
