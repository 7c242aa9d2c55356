export * from './simulator-types';
export { startSimulator } from './start-simulator';
export { simulatorTokenCount } from './tokens/simulator-token-count';
export {
  simulatorPromptTokens,
  type SimulatorPromptTokenOptions,
} from './tokens/simulator-prompt-tokens';
export { simulatorEmbedding } from './embeddings/simulator-embedding';
export {
  bundledWireDir,
  resolveWireDir,
  type ResolveWireDirOptions,
} from './wire-dir/resolve-wire-dir';
export { drain } from './helpers/drain';
export { recordingLogger, type RecordedLogLine } from './helpers/recording-logger';
