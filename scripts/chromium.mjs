// How every script and test starts Chromium: Debian's where it exists (nothing can download a
// browser here), Playwright's own elsewhere, with the flags a closed network and root need.
import { existsSync } from 'node:fs';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright launch options for Chromium, with `extraArgs` added. */
export function chromiumLaunchOptions(extraArgs = []) {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  return { ...(existsSync(path) ? { executablePath: path } : {}), args: [...CHROMIUM_ARGS, ...extraArgs] };
}
