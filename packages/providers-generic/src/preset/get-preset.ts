import { configError } from '../config/config-error';
import type { GenericPreset } from './generic-preset';
import { PRESET_NAMES, PRESETS } from './presets';

/**
 * The preset of that name. An unknown name throws an error listing the known ones; `providerName`
 * says which configured provider asked for it.
 */
export function getPreset(name: string, providerName = '(unnamed)'): GenericPreset {
  const found = Object.hasOwn(PRESETS, name) ? PRESETS[name] : undefined;
  if (found) return found;
  throw configError(
    providerName,
    `unknown preset "${name}" (known presets: ${PRESET_NAMES.join(', ')})`,
  );
}
