/**
 * gongwen.yaml: an office's settings, shared by all its reports.
 *   fonts: { <role>: { file, name, postscriptName } }   see fonts.ts
 *   pdfa: true                                          write PDF/A-2b (same as --pdfa)
 */
import { existsSync } from 'node:fs';
import { readText } from '../read/text-file.js';
import { parseLocatedYaml } from '../read/yaml.js';
import { InputError } from '../model/errors.js';
import { defaultFontConfig, fontConfigFrom, type FontConfig } from './fonts.js';

export interface Config {
  fonts: FontConfig;
  pdfa: boolean;
}

const KEYS = ['fonts', 'pdfa'];

export function readConfig(configFile: string | undefined): Config {
  if (!configFile) return { fonts: defaultFontConfig(), pdfa: false };
  if (!existsSync(configFile)) throw new InputError({ file: configFile }, 'config file not found');
  const raw = (parseLocatedYaml(readText(configFile), configFile).data ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw new InputError({ file: configFile }, `unknown setting "${key}"`, `settings are: ${KEYS.join(', ')}`);
  }
  if (raw.pdfa !== undefined && typeof raw.pdfa !== 'boolean') throw new InputError({ file: configFile }, 'pdfa must be true or false');
  return { fonts: fontConfigFrom(raw.fonts, configFile), pdfa: raw.pdfa === true }; // parsed once, here
}
