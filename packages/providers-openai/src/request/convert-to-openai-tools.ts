import type { LLMTool, LLMToolChoice } from '@llm/core';
import type {
  ChatCompletionFunctionTool,
  ChatCompletionToolChoiceOption,
} from 'openai/resources/chat/completions';

/** Our tools as Chat Completions function tools; optional fields are only sent when set. */
export function convertToOpenAITools(tools: readonly LLMTool[]): ChatCompletionFunctionTool[] {
  return tools.map(({ function: definition }) => ({
    type: 'function',
    function: {
      name: definition.name,
      ...(definition.description === undefined ? {} : { description: definition.description }),
      ...(definition.parameters === undefined ? {} : { parameters: definition.parameters }),
      ...(definition.strict === undefined ? {} : { strict: definition.strict }),
    },
  }));
}

/** `auto` / `required` / `none` pass through; a named tool becomes `{ type: 'function', function: { name } }`. */
export function convertToOpenAIToolChoice(choice: LLMToolChoice): ChatCompletionToolChoiceOption {
  if (typeof choice === 'string') return choice;
  return { type: 'function', function: { name: choice.function.name } };
}
