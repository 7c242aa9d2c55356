import type { SourcePosition } from '../sources/source-locations';

/**
 * The sources of a configuration, lowest precedence first: the file, the overrides file, runtime
 * changes made through the API, the environment, and the object passed in code.
 */
export type LayerKind = 'file' | 'overrides' | 'api' | 'environment' | 'code';

/** One source as a file-shaped tree (`{ llm: { providers: { <name>: … } } }`) plus where its keys came from. */
export interface ConfigLayer {
  kind: LayerKind;
  data: Record<string, unknown>;
  file?: string;
  positions?: Map<string, SourcePosition>;
  /** Environment layer: the variable that set each path. */
  variables?: Map<string, string>;
}

/** Where the effective value at a path came from. */
export interface Origin {
  kind: LayerKind;
  file?: string;
  position?: SourcePosition;
  variable?: string;
}
