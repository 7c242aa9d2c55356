import { randomUUID } from 'node:crypto';
import {
  assistantMessageFrom,
  emptyUsage,
  estimateMessageTokens,
  LLMError,
  LLMErrorType,
  type LLMContent,
  type LLMMessage,
  type LLMRequest,
  type LLMResponse,
  type LLMToolCall,
  type FinishChunk,
  type TokenUsage,
} from '@llm/core';
import type { AgentModel } from '../agent-model';
import { runToolLoop } from '../loop/tool-loop';
import { streamToolLoop } from '../loop/stream-tool-loop';
import type { ToolLoopOptions, ToolLoopResult, ToolStreamChunk } from '../loop/tool-loop-types';
import { toToolManager, type ToolDefinition, type ToolManager } from '../tools/tool-manager';
import {
  slidingWindow,
  truncateHistory,
  turnsToSummarize,
  type ContextStrategy,
  type CountTokens,
  type HistoryEntry,
} from './fit-history';

/** The output budget when neither `maxOutputTokens` nor the request's `max_tokens` says. */
export const DEFAULT_OUTPUT_TOKENS = 1024;

export interface ConversationOptions {
  readonly model: string;
  readonly provider?: string;
  readonly system?: string;
  /** With tools, every `send` runs the tool loop. */
  readonly tools?: ToolManager | readonly ToolDefinition[];
  /** Prompt plus answer tokens a request may use; default the model's context window (unfitted when unknown). */
  readonly maxContextTokens?: number;
  /** Tokens kept free for the answer; default `request.max_tokens`, else 1,024. Sent as `max_tokens` when set. */
  readonly maxOutputTokens?: number;
  /** Default `sliding_window`. */
  readonly strategy?: ContextStrategy;
  /** The model that writes summaries (`summarize`); default the conversation's. */
  readonly summaryModel?: { readonly model: string; readonly provider?: string };
  /** Other request fields of every call (temperature, tags, …). */
  readonly request?: Partial<Omit<LLMRequest, 'model' | 'provider' | 'messages' | 'tools'>>;
  /** Tool loop options (maxSteps, maxParallel, toolChoice, onStep). */
  readonly toolLoop?: Omit<ToolLoopOptions, 'signal' | 'callId'>;
}

export interface SendOptions {
  /** The message stays in every request, whatever the window. */
  readonly keep?: boolean;
  readonly signal?: AbortSignal;
}

export interface ConversationReply {
  readonly content: string | undefined;
  /** This exchange's usage (the tool loop's steps and any summary included). */
  readonly usage: TokenUsage;
  readonly cost: number | undefined;
  /** The id this exchange's usage records share. */
  readonly callId: string;
  /** The tool loop's result, when the conversation has tools. */
  readonly loop?: ToolLoopResult;
  readonly response?: LLMResponse;
}

/** A conversation as `toJSON()` writes it and `fromJSON()` reads it. */
export interface ConversationSnapshot {
  readonly kind: 'llm-conversation';
  readonly version: 1;
  readonly options: Omit<ConversationOptions, 'tools' | 'toolLoop'>;
  readonly entries: readonly HistoryEntry[];
  readonly usage: TokenUsage;
}

/**
 * A chat with memory: the history, fitted to the window before every call (the system prompt and
 * `keep` messages always stay, a tool call never loses its result), the running usage, and, with
 * tools, the tool loop on every message.
 */
export class Conversation {
  #entries: HistoryEntry[];
  #usage: TokenUsage;
  readonly #tools: ToolManager | undefined;

  constructor(
    private readonly model: AgentModel,
    readonly options: ConversationOptions,
    restored?: { entries: readonly HistoryEntry[]; usage: TokenUsage },
  ) {
    if (typeof options.model !== 'string' || options.model === '') {
      throw optionError('model must be a non-empty string');
    }
    for (const field of ['maxContextTokens', 'maxOutputTokens'] as const) {
      const value = options[field];
      if (value !== undefined && (!Number.isInteger(value) || value < 1)) {
        throw optionError(`${field} must be a positive integer (got ${String(value)})`);
      }
    }
    const strategy = options.strategy ?? 'sliding_window';
    if (!['sliding_window', 'truncate', 'summarize'].includes(strategy)) {
      throw optionError(
        `strategy must be "sliding_window", "truncate" or "summarize" (got ${JSON.stringify(strategy)})`,
      );
    }
    this.#tools = options.tools ? toToolManager(options.tools) : undefined;
    this.#entries = restored
      ? [...restored.entries]
      : options.system !== undefined
        ? [{ message: { role: 'system', content: options.system }, keep: true }]
        : [];
    this.#usage = restored?.usage ?? emptyUsage();
  }

  /** The history as sent to the provider, before fitting (our marks left out). */
  get messages(): LLMMessage[] {
    return this.#entries.map((entry) => entry.message);
  }

  /** Running totals of every call this conversation made. */
  get usage(): TokenUsage {
    return this.#usage;
  }

  /** Sends a user message and resolves with the answer (after the tool loop, with tools). */
  async send(
    input: string | readonly LLMContent[],
    options: SendOptions = {},
  ): Promise<ConversationReply> {
    const callId = randomUUID();
    const callOptions = { callId, ...(options.signal && { signal: options.signal }) };
    const usages: TokenUsage[] = [];
    const entries = [...this.#entries, userEntry(input, options.keep)];
    const fitted = await this.#fit(entries, usages, callOptions);
    const request = this.#request(fitted);
    if (this.#tools) {
      const loop = await runToolLoop(this.model, request, this.#tools, {
        ...this.options.toolLoop,
        ...callOptions,
      });
      usages.push(loop.usage);
      this.#commit(fitted, loop.messages.slice(request.messages.length), usages);
      const usage = this.model.sumUsage(usages);
      return { content: loop.content, usage, cost: usage.cost, callId, loop };
    }
    const response = await this.model.chat(request, callOptions);
    usages.push(response.usage);
    this.#commit(fitted, [assistantMessageFrom(response)], usages);
    const usage = this.model.sumUsage(usages);
    return { content: response.content, usage, cost: usage.cost, callId, response };
  }

  /** Sends a user message and streams the answer; the history and usage are updated at its end. */
  async *stream(
    input: string | readonly LLMContent[],
    options: SendOptions = {},
  ): AsyncGenerator<ToolStreamChunk | FinishChunk> {
    const callId = randomUUID();
    const callOptions = { callId, ...(options.signal && { signal: options.signal }) };
    const usages: TokenUsage[] = [];
    const entries = [...this.#entries, userEntry(input, options.keep)];
    const fitted = await this.#fit(entries, usages, callOptions);
    const request = this.#request(fitted);
    if (this.#tools) {
      for await (const chunk of streamToolLoop(this.model, request, this.#tools, {
        ...this.options.toolLoop,
        ...callOptions,
      })) {
        if (chunk.type === 'finish') {
          usages.push(chunk.usage);
          this.#commit(fitted, chunk.messages.slice(request.messages.length), usages);
        }
        yield chunk;
      }
      return;
    }
    let text = '';
    const calls: LLMToolCall[] = [];
    for await (const chunk of this.model.stream(request, callOptions)) {
      if (chunk.type === 'text-delta') text += chunk.delta;
      else if (chunk.type === 'restart') text = '';
      else if (chunk.type === 'tool-call') calls.push(chunk.tool_call);
      else if (chunk.type === 'finish') {
        usages.push(chunk.usage);
        const answer: LLMMessage = {
          role: 'assistant',
          content: text === '' && calls.length > 0 ? null : text,
          ...(calls.length > 0 && { tool_calls: calls }),
          ...(chunk.thinking_blocks && { thinking_blocks: chunk.thinking_blocks }),
        };
        this.#commit(fitted, [answer], usages);
      }
      yield chunk;
    }
  }

  /** An independent copy: same history and usage, diverging from here. */
  fork(): Conversation {
    return new Conversation(this.model, this.options, {
      entries: this.#entries,
      usage: this.#usage,
    });
  }

  toJSON(): ConversationSnapshot {
    const { tools: _tools, toolLoop: _toolLoop, ...options } = this.options;
    return {
      kind: 'llm-conversation',
      version: 1,
      options,
      entries: this.#entries,
      usage: this.#usage,
    };
  }

  /** A conversation restored from `toJSON()`; tools are not serialised and are given again here. */
  static fromJSON(
    model: AgentModel,
    snapshot: ConversationSnapshot,
    extra: Pick<ConversationOptions, 'tools' | 'toolLoop'> = {},
  ): Conversation {
    if (
      snapshot?.kind !== 'llm-conversation' ||
      snapshot.version !== 1 ||
      !Array.isArray(snapshot.entries)
    ) {
      throw optionError(
        'fromJSON: not a conversation written by toJSON() (kind "llm-conversation", version 1)',
      );
    }
    return new Conversation(
      model,
      { ...snapshot.options, ...extra },
      {
        entries: snapshot.entries,
        usage: snapshot.usage ?? emptyUsage(),
      },
    );
  }

  /** The prompt tokens the history may use: the window minus the output budget. */
  promptBudget(): number | undefined {
    const window =
      this.options.maxContextTokens ??
      this.model.modelFacts?.({
        model: this.options.model,
        ...(this.options.provider && { provider: this.options.provider }),
      }).contextWindow;
    if (window === undefined) return undefined;
    const output =
      this.options.maxOutputTokens ?? this.options.request?.max_tokens ?? DEFAULT_OUTPUT_TOKENS;
    return window - output;
  }

  /** Prompt tokens of `messages` for this conversation's model and tools. */
  countTokens(messages: readonly LLMMessage[]): number {
    return estimateMessageTokens(messages, {
      model: this.options.model,
      ...(this.#tools && { tools: this.#tools.toLLMTools() }),
    }).tokens;
  }

  async #fit(
    entries: HistoryEntry[],
    usages: TokenUsage[],
    callOptions: { callId: string; signal?: AbortSignal },
  ): Promise<HistoryEntry[]> {
    const budget = this.promptBudget();
    if (budget === undefined) return entries;
    const count: CountTokens = (messages) => this.countTokens(messages);
    const strategy = this.options.strategy ?? 'sliding_window';
    if (strategy === 'truncate') return truncateHistory(entries, budget, count);
    if (strategy === 'sliding_window') return slidingWindow(entries, budget, count);
    const { summarized, rest } = turnsToSummarize(entries, budget, count);
    if (summarized.length === 0) return slidingWindow(entries, budget, count);
    const summary = await this.#summarize(summarized, entries, callOptions);
    usages.push(summary.usage);
    // The new summary takes in the earlier ones (see #summarize): they leave the history.
    const systems = rest.filter((entry) => entry.message.role === 'system' && !entry.summary);
    const others = rest.filter((entry) => entry.message.role !== 'system');
    const withSummary: HistoryEntry[] = [
      ...systems,
      {
        message: {
          role: 'system',
          content: `Summary of the earlier conversation: ${summary.text}`,
        },
        keep: true,
        summary: true,
      },
      ...others,
    ];
    return slidingWindow(withSummary, budget, count);
  }

  async #summarize(
    summarized: readonly HistoryEntry[],
    entries: readonly HistoryEntry[],
    callOptions: { callId: string; signal?: AbortSignal },
  ): Promise<{ text: string; usage: TokenUsage }> {
    const earlier = entries.filter((entry) => entry.summary).map((entry) => entry.message.content);
    const transcript = summarized
      .map((entry) => `${entry.message.role}: ${contentText(entry.message)}`)
      .join('\n');
    const target = this.options.summaryModel ?? {
      model: this.options.model,
      provider: this.options.provider,
    };
    const response = await this.model.chat(
      {
        model: target.model,
        ...(target.provider && { provider: target.provider }),
        max_tokens: 512,
        messages: [
          {
            role: 'system',
            content:
              'Summarise the conversation below in a few sentences: keep names, numbers, decisions and open questions.',
          },
          { role: 'user', content: [...earlier, transcript].join('\n') },
        ],
      },
      callOptions,
    );
    return { text: response.content ?? '', usage: response.usage };
  }

  #request(fitted: readonly HistoryEntry[]): LLMRequest {
    const { model, provider, maxOutputTokens, request } = this.options;
    return {
      ...request,
      model,
      ...(provider && { provider }),
      ...(maxOutputTokens !== undefined && { max_tokens: maxOutputTokens }),
      messages: fitted.map((entry) => entry.message),
    };
  }

  #commit(
    fitted: readonly HistoryEntry[],
    added: readonly LLMMessage[],
    usages: readonly TokenUsage[],
  ): void {
    this.#entries = [...fitted, ...added.map((message) => ({ message, keep: false }))];
    // Before the first call the totals are zero and unpriced: they take no part in the sum.
    const fresh = this.#usage.total_tokens === 0 && this.#usage.cost === undefined;
    this.#usage = this.model.sumUsage(fresh ? usages : [this.#usage, ...usages]);
  }
}

function userEntry(input: string | readonly LLMContent[], keep = false): HistoryEntry {
  if (typeof input !== 'string' && !Array.isArray(input)) {
    throw optionError('send: the message must be a string or an array of content parts');
  }
  return {
    message: { role: 'user', content: typeof input === 'string' ? input : [...input] },
    keep,
  };
}

function contentText(message: LLMMessage): string {
  if (typeof message.content === 'string') return message.content;
  const text = (message.content ?? []).flatMap((part) => (part.type === 'text' ? [part.text] : []));
  const calls = (message.tool_calls ?? []).map(
    (call) => `${call.function.name}(${call.function.arguments})`,
  );
  return [...text, ...calls].join(' ');
}

function optionError(message: string): LLMError {
  return new LLMError({
    type: LLMErrorType.INVALID_REQUEST,
    message: `conversation: ${message}`,
    retryable: false,
  });
}
