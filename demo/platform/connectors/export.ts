// Export (seed 004): sends the stage's rows to a channel. A row needs every template column
// (REQUIRED_COLUMNS) to be exported; the feedback file says what happened to each row. Fails when the
// input cannot fill the channel template at all.
import { columnsOf, required } from './lib/config.js';
import { LogLevel, OutputFile, type ContainerApi, type Product } from './lib/container-api.js';

const templateOf = (env: NodeJS.ProcessEnv) =>
  (env.REQUIRED_COLUMNS?.trim() || 'id,name')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);

export async function healthCheck(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number> {
  if (!required(env, 'CHANNEL')) return 1;
  await api.health();
  return 0;
}

export async function run(api: ContainerApi, env: NodeJS.ProcessEnv): Promise<number> {
  const channel = env.CHANNEL!.trim();
  const template = templateOf(env);
  const input = await api.readAll('input');
  const columns = columnsOf(input);
  const missing = template.filter((c) => !columns.includes(c));
  if (!input.length || missing.length) {
    await api.log(
      LogLevel.ERROR,
      input.length
        ? `The ${channel} template needs column(s) ${missing.join(', ')}; the input has ${columns.join(', ')}`
        : `Nothing to export to ${channel}: the input is empty`,
    );
    return 1;
  }
  const exported: Product[] = [];
  const feedback: Product[] = [];
  input.forEach((row, i) => {
    const empty = template.filter((c) => row[c] === null || row[c] === undefined || row[c] === '');
    const id = String(row[template[0]!] ?? `row ${i + 1}`);
    if (empty.length) feedback.push({ id, status: 'REJECTED', reason: `empty ${empty.join(', ')}` });
    else {
      exported.push(row);
      feedback.push({ id, status: 'EXPORTED', reason: null });
    }
  });
  await api.appendManyToFile(OutputFile.OUTPUT, exported);
  await api.appendManyToFile(OutputFile.FEEDBACK, feedback);
  const rejected = input.length - exported.length;
  if (rejected) await api.log(LogLevel.INFO, `${rejected} row(s) rejected: see the feedback file`);
  await api.log(LogLevel.SUCCESS, `Exported ${exported.length} of ${input.length} row(s) to ${channel}`);
  return 0;
}
