export { createLLMManager, type CreateLLMManagerOptions } from './create-llm-manager';
export { LLMManager, type ModelListFailure } from './llm-manager';
export type { ManagerCallOptions } from './cached-call';
export type {
  AttemptEndEvent,
  CacheLookupEvent,
  AttemptStartEvent,
  CallCost,
  CallEndEvent,
  CallEventContext,
  CallOperation,
  CallStartEvent,
  ManagerEvents,
} from './manager-events';
export type { HealthCheckOptions } from './health-check';
export type { AgentManagerCallOptions, ToolCallOptions } from './agent-calls';
