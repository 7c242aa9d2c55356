// `llm chat --schema <file.json>`: one object of a JSON Schema through the manager's
// generateObject (validated, repaired once) or streamObject (partial objects on a terminal).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LLMError, type JsonSchema, type LLMMessage, type TokenUsage } from '@llm/core';
import type { LLMManager } from '@llm/manager';
import { compileSchema } from '@llm/tools';
import { CommandLineError } from '../command';

/** Ajv names a place in the schema `data/properties/age/type`; people read `$.properties.age.type`. */
function jsonPaths(message: string): string {
  return message.replace(/\bdata((?:\/[^\s/,]+)*)/g, (_, path: string) =>
    path ? `$${path.replaceAll('/', '.')}` : '$',
  );
}

/** The offset of a JSON syntax error: V8 gives a position, or an excerpt around the bad token. */
function syntaxOffset(text: string, message: string): number | undefined {
  const position = /position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  if (/Unexpected end of JSON input/.test(message)) return text.trimEnd().length;
  // `Unexpected token '}', ..."perties": }" is not valid JSON`: an excerpt after `...` starts 10
  // characters before the token; one without is the text from its start.
  const excerpt = /Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON/.exec(
    message,
  );
  if (!excerpt) return undefined;
  const [, token, cut, body] = excerpt as unknown as [string, string, string | undefined, string];
  const start = text.indexOf(body);
  if (start < 0) return undefined;
  return cut ? start + 10 : start + body.indexOf(token);
}

/** `line:column` of a JSON syntax error, when it can be told. */
function syntaxPlace(text: string, message: string): string {
  const line = /line (\d+) column (\d+)/.exec(message);
  if (line) return `${line[1]}:${line[2]}`;
  const offset = syntaxOffset(text, message);
  if (offset === undefined) return '';
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1)!.length + 1}`;
}

/** Reads and checks the JSON Schema file before any call: a problem names the file and where in it. */
export async function loadSchemaFile(file: string, cwd: string): Promise<JsonSchema> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    throw new CommandLineError(
      `--schema ${file}: cannot read the file (${(error as { code?: string }).code ?? 'unreadable'})`,
      { cause: error },
    );
  }
  let schema: unknown;
  try {
    schema = JSON.parse(text);
  } catch (error) {
    const place = syntaxPlace(text, (error as Error).message);
    throw new CommandLineError(
      `--schema ${file}${place ? `:${place}` : ''}: not valid JSON (${(error as Error).message})`,
      { cause: error },
    );
  }
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema))
    throw new CommandLineError(`--schema ${file}: $ must be a JSON Schema object`);
  try {
    compileSchema(schema as JsonSchema, 'the schema');
  } catch (error) {
    if (!LLMError.is(error)) throw error;
    const problem = error.message.replace(
      /^the schema is not a usable schema: (schema is invalid: )?/,
      '',
    );
    throw new CommandLineError(
      `--schema ${file}: not a usable JSON Schema: ${jsonPaths(problem)}`,
      {
        cause: error,
      },
    );
  }
  return schema as JsonSchema;
}

export interface ObjectCall {
  readonly model: string;
  readonly provider: string | undefined;
  readonly messages: LLMMessage[];
  readonly schema: JsonSchema;
  readonly tags: Record<string, string>;
  readonly max_tokens?: number;
  readonly temperature?: number;
  /** Streams with `streamObject`; each partial object goes to `onPartial` (no repair on a stream). */
  readonly stream: boolean;
  readonly onPartial?: (partial: unknown) => void;
}

export interface ObjectOutcome {
  readonly object: unknown;
  readonly usage: TokenUsage | undefined;
  readonly cost: number | undefined;
  readonly model: string;
  readonly mode: string;
  readonly attempts: number;
}

/** Asks for the object; an answer that still does not match rejects with the manager's `invalid_object` LLMError. */
export async function generateStructured(
  manager: LLMManager,
  call: ObjectCall,
): Promise<ObjectOutcome> {
  const request = {
    model: call.model,
    provider: call.provider,
    messages: call.messages,
    schema: call.schema,
    max_tokens: call.max_tokens,
    temperature: call.temperature,
  };
  if (!call.stream) {
    const result = await manager.generateObject(request, { tags: call.tags });
    return {
      object: result.object,
      usage: result.usage,
      cost: result.cost,
      model: result.raw.model,
      mode: result.mode,
      attempts: result.attempts,
    };
  }
  for await (const chunk of manager.streamObject(request, { tags: call.tags })) {
    if (chunk.type === 'partial') call.onPartial?.(chunk.partial);
    else
      return {
        object: chunk.object,
        usage: chunk.usage,
        cost: chunk.cost,
        model: call.model,
        mode: chunk.mode,
        attempts: 1,
      };
  }
  /* c8 ignore next 2 -- streamObject always ends with its finish chunk or throws */
  throw new CommandLineError('the object stream ended without an object');
}

/** Redraws the partial object in place on a terminal: back over the lines drawn last time, then clear below. */
export function partialPrinter(write: (text: string) => void): {
  draw: (partial: unknown) => void;
  clear: () => void;
} {
  let drawn = 0;
  const clear = () => {
    if (drawn > 0) write(`\x1b[${drawn}F\x1b[J`);
    drawn = 0;
  };
  return {
    draw(partial) {
      clear();
      const text = JSON.stringify(partial, null, 2);
      write(`${text}\n`);
      drawn = text.split('\n').length;
    },
    clear,
  };
}
