#!/usr/bin/env node
// Runs the browser suite (web-test-runner.config.mjs) in Chromium, Firefox and WebKit.
//
//   BROWSERS=chromium,firefox,webkit   engines to run (default: every engine installed here)
//   BROWSERS=chromium                  quick run (`npm run test:quick`)
//   node scripts/test-browsers.mjs --files test/host/handshake.test.ts   extra args go to wtr
//
// Each engine is a separate `wtr` run (WTR_BROWSERS=<engine>): steadier on small machines, and
// WebKit's webdriver launcher needs concurrency 1. For WebKit this script starts Xvfb and
// WebKitWebDriver (on a free display and port, so parallel runs do not collide), waits until the
// driver answers GET /status, and always stops both by pid afterwards, also on SIGINT/SIGTERM.
// Exits with the first failing wtr exit code, 0 when every engine passed.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const wtrBin = join(root, 'node_modules', '.bin', 'wtr');
const MINIBROWSER = process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/** Absolute path of an executable on PATH, or undefined. */
function which(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

const ENGINES = {
  chromium: {
    // Debian's chromium, or Playwright's own Chromium when one was downloaded.
    missing: () =>
      existsSync(process.env.CHROME_PATH ?? '/usr/bin/chromium') || playwrightChromiumExists()
        ? undefined
        : 'no /usr/bin/chromium (apt-get install chromium)',
  },
  firefox: {
    missing: () =>
      existsSync(process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr')
        ? undefined
        : 'no /usr/bin/firefox-esr (apt-get install firefox-esr)',
  },
  webkit: {
    missing: () =>
      !which('WebKitWebDriver')
        ? 'no WebKitWebDriver (apt-get install webkit2gtk-driver)'
        : !existsSync(MINIBROWSER)
          ? `no ${MINIBROWSER} (apt-get install webkit2gtk-driver)`
          : !which('Xvfb')
            ? 'no Xvfb (apt-get install xvfb)'
            : undefined,
  },
};

function playwrightChromiumExists() {
  const cache = process.env.PLAYWRIGHT_BROWSERS_PATH ?? join(process.env.HOME ?? '/root', '.cache', 'ms-playwright');
  try {
    return readdirSync(cache).some((name) => name.startsWith('chromium'));
  } catch {
    return false;
  }
}

function selectEngines() {
  const asked = (process.env.BROWSERS ?? '').trim();
  if (asked && asked !== 'all') {
    const names = asked
      .split(',')
      .map((name) => name.trim().toLowerCase())
      .filter(Boolean);
    for (const name of names) {
      if (!(name in ENGINES)) fail(`BROWSERS: unknown engine "${name}" (known: ${Object.keys(ENGINES).join(', ')})`);
      const missing = ENGINES[name].missing();
      if (missing) fail(`BROWSERS asks for ${name}, but it is not installed: ${missing}`);
    }
    return [...new Set(names)];
  }
  const names = [];
  for (const [name, engine] of Object.entries(ENGINES)) {
    const missing = engine.missing();
    if (missing) console.warn(`[test-browsers] skipping ${name}: ${missing}`);
    else names.push(name);
  }
  if (names.length === 0) fail('no browser engine installed (see .ci/run)');
  return names;
}

function fail(message) {
  console.error(`[test-browsers] ${message}`);
  process.exit(1);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves true when `port` on 127.0.0.1 can be bound right now. */
function portIsFree(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freePort(from) {
  for (let port = from; port < from + 100; port++) if (await portIsFree(port)) return port;
  throw new Error(`no free port in ${from}..${from + 99}`);
}

function freeDisplay(from) {
  for (let display = from; display < from + 100; display++) {
    if (!existsSync(`/tmp/.X${display}-lock`) && !existsSync(`/tmp/.X11-unix/X${display}`)) return display;
  }
  throw new Error(`no free X display in :${from}..:${from + 99}`);
}

// ---------------------------------------------------------------------------------------------
// Child processes we started, stopped by pid on every way out.

/** @type {Set<import('node:child_process').ChildProcess>} */
const services = new Set();
/** @type {import('node:child_process').ChildProcess | undefined} */
let wtr;

function startService(name, command, args, env) {
  // Own process group, so stopping it also stops what it started (MiniBrowser, its web processes).
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  child.label = name;
  child.output = '';
  const keep = (chunk) => (child.output = (child.output + chunk).slice(-4000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.on('exit', (code, signal) => {
    if (services.has(child) && !child.stopping) {
      console.error(`[test-browsers] ${name} exited early (${signal ?? code})\n${child.output}`);
    }
    services.delete(child);
  });
  services.add(child);
  return child;
}

function killGroup(child, signal) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

async function stopServices() {
  const running = [...services];
  for (const child of running) {
    child.stopping = true;
    killGroup(child, 'SIGTERM');
  }
  const deadline = Date.now() + 3000;
  while (running.some((child) => child.exitCode === null && child.signalCode === null) && Date.now() < deadline) {
    await sleep(50);
  }
  for (const child of running) killGroup(child, 'SIGKILL');
  services.clear();
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`[test-browsers] ${signal}: stopping`);
    if (wtr && wtr.exitCode === null) wtr.kill(signal);
    void stopServices().then(() => process.exit(130));
  });
}
process.on('exit', () => {
  // Last resort (synchronous): never leave Xvfb or the driver behind.
  for (const child of services) killGroup(child, 'SIGKILL');
});

// ---------------------------------------------------------------------------------------------
// WebKit: Xvfb + WebKitWebDriver

async function startWebKitDriver() {
  const display = freeDisplay(Number(process.env.XVFB_DISPLAY ?? 99));
  const xvfb = startService(
    'Xvfb',
    which('Xvfb'),
    [`:${display}`, '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
    {
      ...process.env,
    },
  );
  const socket = `/tmp/.X11-unix/X${display}`;
  for (let i = 0; !existsSync(socket); i++) {
    if (xvfb.exitCode !== null || i > 100) throw new Error(`Xvfb :${display} did not start\n${xvfb.output}`);
    await sleep(100);
  }

  const port = await freePort(Number(process.env.WEBKIT_DRIVER_PORT ?? 4444));
  const env = {
    ...process.env,
    DISPLAY: `:${display}`,
    // No GPU under Xvfb: software rendering, no accelerated compositing.
    LIBGL_ALWAYS_SOFTWARE: '1',
    WEBKIT_DISABLE_COMPOSITING_MODE: '1',
    // No dbus session in containers/CI: keep GTK/AT-SPI from waiting for one.
    NO_AT_BRIDGE: '1',
    GTK_A11Y: 'none',
  };
  const driver = startService('WebKitWebDriver', which('WebKitWebDriver'), [`--port=${port}`, '--host=127.0.0.1'], env);
  const status = `http://127.0.0.1:${port}/status`;
  for (let i = 0; ; i++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited (${driver.exitCode})\n${driver.output}`);
    try {
      const response = await fetch(status, { signal: AbortSignal.timeout(1000) });
      const body = await response.json();
      if (response.ok && body?.value?.ready !== false) break;
    } catch {
      /* not listening yet */
    }
    if (i > 150) throw new Error(`WebKitWebDriver did not answer ${status}\n${driver.output}`);
    await sleep(100);
  }
  console.log(`[test-browsers] Xvfb :${display} (pid ${xvfb.pid}), WebKitWebDriver :${port} (pid ${driver.pid})`);
  return { port, display };
}

// ---------------------------------------------------------------------------------------------

function runWtr(engine, extraEnv) {
  return new Promise((resolve) => {
    wtr = spawn(wtrBin, process.argv.slice(2), {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...extraEnv, WTR_BROWSERS: engine },
    });
    wtr.on('error', (error) => {
      console.error(`[test-browsers] cannot start wtr: ${error.message}`);
      resolve(1);
    });
    wtr.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

const engines = selectEngines();
console.log(`[test-browsers] engines: ${engines.join(', ')}`);
const results = [];
let exitCode = 0;
try {
  for (const engine of engines) {
    if (interrupted) break;
    const started = Date.now();
    let code;
    try {
      const extraEnv = {};
      if (engine === 'webkit') {
        const { port } = await startWebKitDriver();
        extraEnv.WEBKIT_DRIVER_PORT = String(port);
      }
      console.log(`\n[test-browsers] ── ${engine} ──`);
      code = await runWtr(engine, extraEnv);
    } catch (error) {
      console.error(`[test-browsers] ${engine}: ${error instanceof Error ? error.message : String(error)}`);
      code = 1;
    } finally {
      await stopServices();
    }
    results.push({ engine, code, seconds: Math.round((Date.now() - started) / 1000) });
    if (code !== 0 && exitCode === 0) exitCode = code;
  }
} finally {
  await stopServices();
}

if (!interrupted) {
  console.log('\n[test-browsers] summary');
  for (const { engine, code, seconds } of results) {
    console.log(`  ${engine.padEnd(9)} ${code === 0 ? 'passed' : `FAILED (exit ${code})`}  ${seconds}s`);
  }
}
process.exit(interrupted ? 130 : exitCode);
