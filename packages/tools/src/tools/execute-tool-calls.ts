import { isAbortError, type LLMMessage, type LLMToolCall } from '@llm/core';
import { describeIssues, type SchemaIssue } from './tool-schema';
import type { ToolManager } from './tool-manager';

/** Why a tool call produced no output: the model can read it and correct itself. */
export type ToolResultError =
  | { readonly kind: 'unknown_tool'; readonly message: string }
  | {
      readonly kind: 'invalid_arguments';
      readonly message: string;
      readonly issues: readonly SchemaIssue[];
    }
  | { readonly kind: 'execution_failed'; readonly message: string; readonly cause: unknown };

/** One tool call of a step and what came of it. */
export interface ToolResult {
  /** The model's id of the call; the `tool` message answering it carries the same id. */
  readonly toolCallId: string;
  readonly name: string;
  /** The parsed, validated arguments (absent when they did not parse or validate). */
  readonly args?: unknown;
  /** What `execute` returned (absent on error). */
  readonly output?: unknown;
  readonly error?: ToolResultError;
  /** The text sent back to the model in the `tool` message. */
  readonly content: string;
}

export interface ExecuteToolCallsOptions {
  readonly signal: AbortSignal;
  readonly callId: string;
  readonly step: number;
  /** Tool calls run at once at most; default: all of them. */
  readonly maxParallel?: number;
}

function outputText(output: unknown): string {
  if (typeof output === 'string') return output;
  if (output === undefined) return '';
  try {
    return JSON.stringify(output);
  } catch {
    return String(output);
  }
}

function errorContent(error: ToolResultError): string {
  return JSON.stringify({ error: error.message });
}

function parseArguments(
  text: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `the arguments are not valid JSON (${(error as Error).message})` };
  }
}

async function executeOne(
  tools: ToolManager,
  call: LLMToolCall,
  options: ExecuteToolCallsOptions,
): Promise<ToolResult> {
  const name = call.function.name;
  const base = { toolCallId: call.id, name };
  const tool = tools.get(name);
  if (!tool) {
    const closest = tools.closestName(name);
    const error: ToolResultError = {
      kind: 'unknown_tool',
      message: `There is no tool named "${name}"${closest ? ` (did you mean "${closest}"?)` : ''}; the tools are: ${tools
        .list()
        .map((definition) => definition.name)
        .join(', ')}`,
    };
    return { ...base, error, content: errorContent(error) };
  }
  if (!tool.definition.execute) {
    const error: ToolResultError = {
      kind: 'execution_failed',
      message: `Tool "${name}" has no execute function: its calls are run by the caller`,
      cause: undefined,
    };
    return { ...base, error, content: errorContent(error) };
  }
  const execute = tool.definition.execute;
  const parsed = parseArguments(call.function.arguments);
  if (!parsed.ok) {
    const error: ToolResultError = {
      kind: 'invalid_arguments',
      message: `Invalid arguments for tool "${name}": ${parsed.message}`,
      issues: [{ path: '(root)', message: parsed.message }],
    };
    return { ...base, error, content: errorContent(error) };
  }
  const checked = tool.parameters.check(parsed.value);
  if (!checked.ok) {
    const error: ToolResultError = {
      kind: 'invalid_arguments',
      message: `Invalid arguments for tool "${name}": ${describeIssues(checked.issues)}`,
      issues: checked.issues,
    };
    return { ...base, error, content: errorContent(error) };
  }
  try {
    const output = await execute(checked.value, {
      signal: options.signal,
      callId: options.callId,
      step: options.step,
      toolCallId: call.id,
    });
    return { ...base, args: checked.value, output, content: outputText(output) };
  } catch (cause) {
    // An abort ends the loop; it is no answer for the model.
    if (options.signal.aborted || isAbortError(cause)) throw cause;
    const error: ToolResultError = {
      kind: 'execution_failed',
      message: `Tool "${name}" failed: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    };
    return { ...base, args: checked.value, error, content: errorContent(error) };
  }
}

/**
 * Runs every tool call of one step, at most `maxParallel` at a time, and resolves with their results
 * in the order of the calls. Unknown tools, arguments that do not validate and tools that throw
 * become error results; an abort rejects.
 */
export async function executeToolCalls(
  tools: ToolManager,
  calls: readonly LLMToolCall[],
  options: ExecuteToolCallsOptions,
): Promise<ToolResult[]> {
  const results: ToolResult[] = new Array(calls.length);
  const limit = Math.max(1, Math.min(options.maxParallel ?? calls.length, calls.length));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < calls.length) {
      const index = next++;
      options.signal.throwIfAborted();
      results[index] = await executeOne(tools, calls[index]!, options);
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

/** The `tool` messages answering a step's calls, one per result, in the providers' shared shape. */
export function toolMessages(results: readonly ToolResult[]): LLMMessage[] {
  return results.map((result) => ({
    role: 'tool',
    tool_call_id: result.toolCallId,
    content: result.content,
  }));
}
