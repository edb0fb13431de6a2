import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A private SANE configuration with only the `test` backend (scanimage -L in ms instead of
 * seconds) and an A4-sized scan area. Use as SANE_CONFIG_DIR with device `test:0`.
 */
export async function saneTestConfig(): Promise<{ configDir: string; device: string; remove(): Promise<void> }> {
  const configDir = await mkdtemp(join(tmpdir(), 'etapiste-sane-'));
  await writeFile(join(configDir, 'dll.conf'), 'test\n');
  const testConf = join(configDir, 'test.conf');
  await copyFile('/etc/sane.d/test.conf', testConf);
  const text = await readFile(testConf, 'utf8');
  await writeFile(testConf, text.replace(/^geometry_max.*$/m, 'geometry_max 300.0'));
  return { configDir, device: 'test:0', remove: () => rm(configDir, { recursive: true, force: true }) };
}
