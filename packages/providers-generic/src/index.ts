import './register/register-on-import';

// The provider, its factory and registration
export * from './provider/generic-provider';
export * from './provider/generic-provider-factory';
export * from './register/register-generic-provider';

// Presets
export * from './preset/generic-preset';
export * from './preset/presets';
export * from './preset/get-preset';

// Config and client
export * from './config/generic-options';
export * from './config/resolve-generic-config';
export * from './client/auth-headers';
export * from './client/create-generic-client';
export * from './errors/generic-error-rules';

// Transforms
export * from './transforms/chat-transform';
export * from './transforms/transform-registry';
export * from './transforms/default-transform-registry';
export * from './transforms/resolve-transforms';
export * from './transforms/compose-transforms';
export * from './transforms/built-in/built-in-transforms';
export * from './transforms/built-in/strip-unsupported-params';
export * from './transforms/built-in/rename-params';
export * from './transforms/built-in/system-prompt-prefix';
export * from './transforms/built-in/think-tags-to-reasoning';
export * from './transforms/built-in/think-tag-splitter';
export * from './transforms/built-in/lift-choice-usage';
export * from './transforms/built-in/lift-x-groq-usage';
