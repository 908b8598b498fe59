/**
 * gongwen.yaml: an office's settings, shared by all its reports.
 *   fonts: { <role>: { file, name, postscriptName } }   see fonts.ts
 *   pdfa: true                                          write PDF/A-2b (same as --pdfa)
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { readText } from '../read/text-file.js';
import { closest } from '../read/validate.js';
import { parseLocatedYaml, type LocatedYaml } from '../read/yaml.js';
import { InputError } from '../model/errors.js';
import { defaultFontConfig, fontConfigFrom, type FaceSpec, type FontConfig } from './fonts.js';

export interface Config {
  fonts: FontConfig;
  pdfa: boolean;
}

const KEYS = ['fonts', 'pdfa'];

/** What a font role may say (fonts.ts FaceSpec). */
const FACE_KEYS = ['file', 'name', 'postscriptName'] as const satisfies readonly (keyof FaceSpec)[];

/**
 * Unknown keys inside a font role are errors, as unknown settings and roles are: a misspelt
 * `nmae:` was passed over, and the DOCX named the bundled font's name instead of the office's,
 * with nothing said. (Roles themselves are checked by fontConfigFrom.)
 */
function checkFaceKeys(fonts: unknown, yaml: LocatedYaml, file: string): void {
  if (typeof fonts !== 'object' || fonts === null) return;
  for (const [role, spec] of Object.entries(fonts)) {
    if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) continue;
    for (const key of Object.keys(spec)) {
      if ((FACE_KEYS as readonly string[]).includes(key)) continue;
      const guess = closest(key, FACE_KEYS);
      throw new InputError({ file, line: yaml.lineOf(['fonts', role, key]) }, `unknown key "${key}" in font role "${role}"`,
        guess ? `did you mean "${guess}"?` : `a font role has: ${FACE_KEYS.join(', ')}`);
    }
  }
}

export function readConfig(configFile: string | undefined): Config {
  if (!configFile) return { fonts: defaultFontConfig(), pdfa: false };
  if (!existsSync(configFile)) {
    throw new InputError({ file: configFile }, 'config file not found',
      'give the path of a gongwen.yaml (relative to the folder gongwen runs in), or leave --config out for the bundled fonts');
  }
  if (statSync(configFile).isDirectory()) {
    const inside = path.join(configFile, 'gongwen.yaml');
    throw new InputError({ file: configFile }, 'the config file is a folder, not a file',
      existsSync(inside) ? `give the file in it: --config ${inside}` : 'give the path of a gongwen.yaml file');
  }
  const yaml = parseLocatedYaml(readText(configFile, configFile, true), configFile);
  const raw = (yaml.data ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw new InputError({ file: configFile, line: yaml.lineOf([key]) }, `unknown setting "${key}"`, `settings are: ${KEYS.join(', ')}`);
  }
  if (raw.pdfa !== undefined && typeof raw.pdfa !== 'boolean') throw new InputError({ file: configFile, line: yaml.lineOf(['pdfa']) }, 'pdfa must be true or false', 'write pdfa: true for PDF/A-2b output, or pdfa: false (or leave the line out)');
  checkFaceKeys(raw.fonts, yaml, configFile);
  return { fonts: fontConfigFrom(raw.fonts, configFile, (p) => yaml.lineOf(p)), pdfa: raw.pdfa === true }; // parsed once, here
}
