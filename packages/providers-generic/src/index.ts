import { registerGenericProvider } from './register-generic-provider';

// Importing @llm/providers-generic makes `type = "generic"` available to the manager.
registerGenericProvider();

// The provider, its factory and registration
export { GenericProvider, type GenericProviderOptions } from './generic-provider';
export {
  createGenericProviderFactory,
  genericProviderFactory,
  registerGenericProvider,
} from './register-generic-provider';

// Presets and the provider's own config keys
export {
  PRESETS,
  PRESET_NAMES,
  type AuthStyle,
  type GenericPreset,
  type UnsupportedParams,
} from './presets';
export { getPreset, type GenericOptions } from './generic-config';

// Transforms
export type { ChatTransform, TransformContext } from './transforms/chat-transform';
export {
  BUILT_IN_TRANSFORMS,
  TransformRegistry,
  defaultTransformRegistry,
  getTransform,
  registerTransform,
  transformNames,
  unregisterTransform,
  type RegisterTransformOptions,
} from './transforms/transform-registry';
