/**
 * Builds the three browser apps (booth, agent, interpreter) with Vite into `<app>/dist/`,
 * which the signalling server serves at /booth/, /agent/ and /interpreter/. An app whose
 * dist/index.html is newer than all of its inputs (its src/, index.html, vite.config.ts and
 * shared/src) is skipped, so a second run is instant. `--force` rebuilds everything.
 *
 *   node infra/build-apps.ts [--force] [booth-client agent-client interpreter-client]
 */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
export const apps = ['booth-client', 'agent-client', 'interpreter-client'] as const;
export type AppName = (typeof apps)[number];

/** Newest modification time (ms) of a file or of any file below a directory. */
function newestMtime(path: string): number {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    newest = Math.max(newest, newestMtime(join(path, entry)));
  }
  return newest;
}

function isUpToDate(appDir: string): boolean {
  const built = newestMtime(join(appDir, 'dist', 'index.html'));
  if (built === 0) return false;
  const pages = readdirSync(appDir).filter((name) => name.endsWith('.html')).map((name) => join(appDir, name));
  const inputs = [join(appDir, 'src'), ...pages, join(appDir, 'vite.config.ts'), join(root, 'shared', 'src')];
  return inputs.every((input) => newestMtime(input) < built);
}

export async function buildApps(options: { force?: boolean; only?: readonly AppName[] } = {}): Promise<void> {
  for (const app of options.only ?? apps) {
    const appDir = join(root, app);
    if (!options.force && isUpToDate(appDir)) {
      console.log(`${app}: up to date`);
      continue;
    }
    const started = performance.now();
    await build({ root: appDir, configFile: join(appDir, 'vite.config.ts'), logLevel: 'warn' });
    console.log(`${app}: built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const only = args.filter((arg): arg is AppName => (apps as readonly string[]).includes(arg));
  const unknown = args.filter((arg) => arg !== '--force' && !only.includes(arg as AppName));
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}`);
    process.exit(2);
  }
  try {
    await buildApps({ force: args.includes('--force'), ...(only.length > 0 ? { only } : {}) });
  } catch (error) {
    console.error(error);
    process.exit(1);
  }
}
