// @llm/testing's public surface: the simulator, its contract, the functions tests compute their
// expectations with, the wire folder, and helpers for tests written against it.
export { startSimulator } from './start-simulator';
export type {
  ConnectionStats,
  RecordedRequest,
  ScriptedError,
  ScriptedReply,
  ScriptedToolCall,
  ScriptedUsage,
  ScriptStep,
  Simulator,
  SimulatorFault,
  SimulatorProtocol,
  StartSimulatorOptions,
} from './simulator-types';
export {
  simulatorPromptTokens,
  simulatorTokenCount,
  type SimulatorPromptTokenOptions,
} from './answer/simulator-tokens';
export {
  endlessToolCalls,
  invalidThenCorrectedToolCall,
  invalidThenRepairedJson,
  toolCallsThenAnswer,
  type ConversationMatch,
} from './script/tool-conversations';
export { simulatorEmbedding } from './embeddings/embeddings';
export { bundledWireDir, resolveWireDir, type ResolveWireDirOptions } from './replay/wire-dir';
export { drain, recordingLogger, seededRandom, type RecordedLogLine } from './test-helpers';
export { answerHtml, closedPort, startPlainServer, type PlainServer } from './server/plain-server';
export { startRedirectingProxy, type RedirectingProxy } from './server/redirecting-proxy';
