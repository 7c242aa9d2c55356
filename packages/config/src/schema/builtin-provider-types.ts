/** Provider types the toolkit ships; third parties add theirs through `knownProviderTypes`. */
export const BUILTIN_PROVIDER_TYPES: readonly string[] = [
  'openai',
  'azure',
  'claude',
  'anthropic',
  'generic',
];
