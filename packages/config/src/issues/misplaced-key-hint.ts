import type { ConfigPath } from './config-path';
import {
  LLMConfigFileSchema,
  ModelFileSchema,
  ProviderFileSchema,
} from '../schema/config-file-schema';
import { objectKeys, schemaAtPath } from '../schema/schema-at-path';

const LLM_KEYS = new Set(objectKeys(schemaAtPath(LLMConfigFileSchema, ['llm'])!));
const PROVIDER_KEYS = new Set(objectKeys(ProviderFileSchema));
const MODEL_KEYS = new Set(objectKeys(ModelFileSchema));

const isProviderTable = (path: ConfigPath) =>
  path.length === 3 && path[0] === 'llm' && path[1] === 'providers';
const isModelTable = (path: ConfigPath) =>
  path.length === 5 && isProviderTable(path.slice(0, 3)) && path[3] === 'models';

/** For an unknown key that is valid one level elsewhere: where it belongs. */
export function misplacedKeyHint(tablePath: ConfigPath, key: string): string | undefined {
  if (tablePath.length === 0 && LLM_KEYS.has(key)) return 'it belongs in the [llm] table';
  if (isProviderTable(tablePath) && MODEL_KEYS.has(key)) {
    return `it is a model setting: put it in [llm.providers.${String(tablePath[2])}.models.<model>]`;
  }
  if (isModelTable(tablePath) && PROVIDER_KEYS.has(key))
    return `it is a provider setting: put it in [llm.providers.${String(tablePath[2])}]`;
  return undefined;
}
