// The public surface of @llm/tools: named exports only, grouped by concept.

// The narrow model interface everything here works against
export type { AgentCallOptions, AgentModel, AgentModelFacts } from './agent-model';

// Tools: the registry, schemas, running a step's calls
export {
  ToolManager,
  toToolManager,
  type RegisteredTool,
  type ToolDefinition,
  type ToolExecutionContext,
} from './tools/tool-manager';
export {
  compileSchema,
  type CompiledSchema,
  type ParametersSchema,
  type SchemaCheck,
  type SchemaIssue,
} from './tools/tool-schema';
export {
  executeToolCalls,
  type ExecuteToolCallsOptions,
  type ToolResult,
  type ToolResultError,
} from './tools/execute-tool-calls';

// The tool loop
export { runToolLoop } from './loop/tool-loop';
export { streamToolLoop } from './loop/stream-tool-loop';
export {
  DEFAULT_MAX_STEPS,
  type StepFinishChunk,
  type ToolLoopFinishChunk,
  type ToolLoopFinishReason,
  type ToolLoopOptions,
  type ToolLoopResult,
  type ToolLoopStep,
  type ToolResultChunk,
  type ToolStreamChunk,
} from './loop/tool-loop-types';

// Structured output
export {
  generateObject,
  type GenerateObjectOptions,
  type GenerateObjectRequest,
  type GenerateObjectResult,
  type ObjectMode,
} from './structured/generate-object';
export {
  streamObject,
  type DeepPartial,
  type ObjectFinishChunk,
  type ObjectStreamChunk,
  type PartialObjectChunk,
} from './structured/stream-object';
export { parsePartialJson } from './structured/parse-partial-json';

// Vision
export {
  buildVisionRequest,
  type VisionImage,
  type VisionRequest,
} from './vision/build-vision-request';

// Conversations
export {
  Conversation,
  DEFAULT_OUTPUT_TOKENS,
  type ConversationOptions,
  type ConversationReply,
  type ConversationSnapshot,
  type SendOptions,
} from './conversation/conversation';
export type { ContextStrategy, HistoryEntry } from './conversation/fit-history';

// Prompt templates
export {
  defineTemplate,
  renderMessages,
  type PromptTemplate,
  type TemplateDefinition,
} from './templates/define-template';
export { templates } from './templates/preset-templates';
