import { spawn } from 'node:child_process';

export interface ChildResult {
  /** The exit code, or null when a signal ended the process or it never started. */
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  /** Set when the command could not be started at all (e.g. ENOENT). */
  spawnError?: string;
}

export interface ChildOptions {
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  timeoutMs: number;
  onStdout(line: string): void;
  onStderr(line: string): void;
}

const MAX_LINE = 2000;
const MAX_LINES = 500;
const KILL_GRACE_MS = 2000;

/**
 * Runs a command (no shell) and reports its output line by line, bounded: lines are cut at 2,000
 * characters and each stream stops being reported after 500 lines. At the timeout the process gets
 * SIGTERM, then SIGKILL two seconds later. `kill()` ends it early (the platform is stopping).
 */
export function runChild(options: ChildOptions): { done: Promise<ChildResult>; kill(): void } {
  let timedOut = false;
  let settled = false;
  let killTimer: NodeJS.Timeout | undefined;
  // Its own process group (POSIX), so a timeout ends what the connector started too (a shell
  // script's `sleep`, a Python subprocess), not only the command: those would keep its output open.
  const group = process.platform !== 'win32';
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    windowsHide: true,
    detached: group,
  });
  const signal = (name: NodeJS.Signals) => {
    try {
      if (group && child.pid) process.kill(-child.pid, name);
      else child.kill(name);
    } catch {
      child.kill(name); // the group is gone already
    }
  };
  const terminate = () => {
    if (settled) return;
    signal('SIGTERM');
    killTimer ??= setTimeout(() => signal('SIGKILL'), KILL_GRACE_MS);
  };
  const timer = setTimeout(() => {
    timedOut = true;
    terminate();
  }, options.timeoutMs);

  const lines = (stream: NodeJS.ReadableStream, emit: (line: string) => void) => {
    let buffer = '';
    let count = 0;
    const push = (line: string) => {
      count++;
      if (count <= MAX_LINES) emit(line.length > MAX_LINE ? `${line.slice(0, MAX_LINE)}…` : line);
      else if (count === MAX_LINES + 1) emit(`(further output not recorded: more than ${MAX_LINES} lines)`);
    };
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffer += chunk;
      let index: number;
      while ((index = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, index).replace(/\r$/, '');
        buffer = buffer.slice(index + 1);
        if (line.trim()) push(line);
      }
      // A process writing one endless line must not grow the buffer without bound.
      if (buffer.length > MAX_LINE * 4) {
        push(buffer);
        buffer = '';
      }
    });
    return () => {
      if (buffer.trim()) push(buffer);
      buffer = '';
    };
  };
  const flushOut = lines(child.stdout, options.onStdout);
  const flushErr = lines(child.stderr, options.onStderr);

  const done = new Promise<ChildResult>((resolve) => {
    child.once('error', (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      resolve({ exitCode: null, signal: null, timedOut: false, spawnError: error.message });
    });
    child.once('close', (code, signal) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(killTimer);
      flushOut();
      flushErr();
      resolve({ exitCode: code, signal, timedOut });
    });
  });
  return { done, kill: terminate };
}
