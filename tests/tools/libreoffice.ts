/** DOCX → PDF with LibreOffice headless, with the bundled fonts and the Chinese font-name aliases. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/build.js';

/**
 * A fontconfig file: the repository's alias file, the system's configuration and fonts/. Its own
 * cache directory comes first, so the scan rules of aliases.conf are never bypassed by a system
 * cache of fonts/ made without them.
 */
export function fontconfigFile(dir: string): string {
  const file = path.join(dir, 'fonts.conf');
  writeFileSync(file, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <cachedir>${path.join(dir, 'fc-cache')}</cachedir>
  <include>${path.join(ROOT, 'tests/tools/fontconfig/aliases.conf')}</include>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${path.join(ROOT, 'fonts')}</dir>
</fontconfig>
`);
  return file;
}

export function convertDocxToPdf(docx: Buffer, name = 'report'): Buffer {
  const dir = mkdtempSync(path.join(tmpdir(), 'gongwen-lo-'));
  const input = path.join(dir, `${name}.docx`);
  writeFileSync(input, docx);
  const out = path.join(dir, 'out');
  mkdirSync(out);
  execFileSync('soffice', [
    `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
    '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', out, input,
  ], { env: { ...process.env, FONTCONFIG_FILE: fontconfigFile(dir) }, stdio: 'pipe', timeout: 120_000 });
  return readFileSync(path.join(out, `${name}.pdf`));
}
