import type { Anthropic } from '@anthropic-ai/sdk';
import type { LLMRequest } from '@llm/core';

export interface AnthropicToolSettings {
  tools?: Anthropic.Tool[];
  tool_choice?: Anthropic.ToolChoice;
}

const EMPTY_OBJECT_SCHEMA: Anthropic.Tool.InputSchema = { type: 'object', properties: {} };

function toolChoice(request: LLMRequest): Anthropic.ToolChoice | undefined {
  const disableParallel =
    request.parallel_tool_calls === false ? { disable_parallel_tool_use: true } : {};
  const choice = request.tool_choice;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any', ...disableParallel };
  if (typeof choice === 'object')
    return { type: 'tool', name: choice.function.name, ...disableParallel };
  if (choice === 'auto' || request.parallel_tool_calls === false)
    return { type: 'auto', ...disableParallel };
  return undefined;
}

/**
 * Function tools → Claude tools (`{name, description, input_schema}`), and `tool_choice` auto /
 * required (`any`) / none / a named tool (`{type: 'tool', name}`); `parallel_tool_calls: false`
 * becomes `disable_parallel_tool_use`.
 */
export function convertToAnthropicTools(request: LLMRequest): AnthropicToolSettings {
  if (!request.tools?.length) return {};
  const tools = request.tools.map((tool): Anthropic.Tool => ({
    name: tool.function.name,
    ...(tool.function.description !== undefined && { description: tool.function.description }),
    input_schema:
      (tool.function.parameters as Anthropic.Tool.InputSchema | undefined) ?? EMPTY_OBJECT_SCHEMA,
    ...(tool.function.strict !== undefined && { strict: tool.function.strict }),
  }));
  const choice = toolChoice(request);
  return choice ? { tools, tool_choice: choice } : { tools };
}
