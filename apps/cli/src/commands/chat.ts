import type { LLMMessage, LLMRequest, LLMResponse, LLMStreamChunk } from '@llm/core';
import type { LLMManager } from '@llm/manager';
import {
  COMMON_OPTIONS,
  CommandLineError,
  type CliIO,
  type Command,
  type ParsedArgs,
} from '../command';
import { withManager } from '../command-context';
import { formatMoney } from '../format/table-output';

function numberOption(args: ParsedArgs, name: string): number | undefined {
  const value = args.values[name];
  if (typeof value !== 'string') return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed))
    throw new CommandLineError(`--${name} takes a number (got "${value}")`);
  return parsed;
}

/**
 * The provider and model of `llm chat`: `--model` (routed by the manager, or sent to `--provider`),
 * else the first chat model of `--provider`, else of the default provider (`default_provider`,
 * else the first enabled provider: the config's rule, `getDefaultProvider()`).
 */
function chooseTarget(
  args: ParsedArgs,
  manager: LLMManager,
): { model: string; provider: string | undefined } {
  const named = args.values['provider'] as string | undefined;
  const providers = manager.getProviderInfo();
  const available = providers.filter((provider) => provider.enabled).map(({ name }) => name);
  if (named !== undefined && !available.includes(named)) {
    const disabled = providers.some((provider) => provider.name === named);
    throw new CommandLineError(
      `Provider "${named}" is ${disabled ? 'disabled (enabled = false)' : 'not configured'} (available: ${available.join(', ') || 'none'})`,
    );
  }
  const model = args.values['model'] as string | undefined;
  if (model !== undefined) return { model, provider: named };
  const providerName = named ?? manager.configManager.getDefaultProvider() ?? undefined;
  const provider = manager.config.providers.find((candidate) => candidate.name === providerName);
  const chatModel = provider?.models.find((candidate) => candidate.mode !== 'embedding')?.name;
  if (!provider || !chatModel)
    throw new CommandLineError(
      provider
        ? `No model: pass --model, or list a chat model under provider "${provider.name}" in the config`
        : 'No model: pass --model, or configure and enable a provider with a model',
    );
  return { model: chatModel, provider: provider.name };
}

function buildRequest(args: ParsedArgs, manager: LLMManager): LLMRequest {
  const prompt = args.positionals.join(' ').trim();
  if (!prompt) throw new CommandLineError('chat needs a prompt: llm chat "Hello"');
  const { model, provider } = chooseTarget(args, manager);
  const messages: LLMMessage[] = [];
  if (typeof args.values['system'] === 'string')
    messages.push({ role: 'system', content: args.values['system'] });
  messages.push({ role: 'user', content: prompt });
  return {
    model,
    messages,
    provider,
    max_tokens: numberOption(args, 'max-tokens'),
    temperature: numberOption(args, 'temperature'),
  };
}

async function collectStream(chunks: AsyncIterable<LLMStreamChunk>, io: CliIO, echo: boolean) {
  let content = '';
  let finish: Extract<LLMStreamChunk, { type: 'finish' }> | undefined;
  const toolCalls = [];
  for await (const chunk of chunks) {
    if (chunk.type === 'text-delta') {
      content += chunk.delta;
      if (echo) io.stdout(chunk.delta);
    } else if (chunk.type === 'tool-call') toolCalls.push(chunk.tool_call);
    else if (chunk.type === 'finish') finish = chunk;
  }
  if (echo) io.stdout('\n');
  return { content, finish, toolCalls };
}

function printUsageLine(response: Pick<LLMResponse, 'usage' | 'model'>, io: CliIO): void {
  const usage = response.usage;
  io.stderr(
    `[${response.model}] ${usage.prompt_tokens} prompt + ${usage.completion_tokens} completion tokens` +
      `${usage.estimated ? ' (estimated)' : ''}, cost ${formatMoney(usage.cost, usage.currency)}\n`,
  );
}

export const chatCommand: Command = {
  name: 'chat',
  summary: 'Send one prompt and print the answer',
  usage:
    '"<prompt>" [--model m] [--provider p] [--system text] [--stream] [--json] [--max-tokens n] [--temperature t] [--config file]',
  options: {
    ...COMMON_OPTIONS,
    model: { type: 'string', short: 'm' },
    provider: { type: 'string', short: 'p' },
    system: { type: 'string', short: 's' },
    stream: { type: 'boolean' },
    json: { type: 'boolean' },
    'max-tokens': { type: 'string' },
    temperature: { type: 'string' },
  },
  async run(args, io) {
    return withManager(args, io, async (manager) => {
      const request = buildRequest(args, manager);
      const json = args.values['json'] === true;
      if (args.values['stream']) {
        const { content, finish, toolCalls } = await collectStream(
          manager.streamCompletion(request),
          io,
          !json,
        );
        const result = {
          content,
          model: finish?.model ?? request.model,
          finish_reason: finish?.finish_reason,
          tool_calls: toolCalls.length ? toolCalls : undefined,
          usage: finish?.usage,
        };
        if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
        else if (finish) printUsageLine({ usage: finish.usage, model: result.model }, io);
        return 0;
      }
      const response = await manager.chatCompletion(request);
      if (json) {
        const { error: _error, ...printable } = response;
        io.stdout(`${JSON.stringify(printable, null, 2)}\n`);
      } else {
        io.stdout(`${response.content ?? ''}\n`);
        for (const call of response.tool_calls ?? [])
          io.stdout(`tool call ${call.function.name}(${call.function.arguments})\n`);
        printUsageLine(response, io);
      }
      return 0;
    });
  },
};
