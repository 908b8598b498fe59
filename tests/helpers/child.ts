/** Run an ES module script in a fresh Node process, with a module cache of its own. */
import { spawnSync } from 'node:child_process';

export function runModuleScript(script: string): { stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  return { stdout: run.stdout, stderr: run.stderr };
}
