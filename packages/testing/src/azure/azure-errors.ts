// Azure OpenAI's error bodies: its gateway's own shape, its content-filter shape, else OpenAI's.
import { openaiErrorBody } from '../openai/openai-errors';
import type { ErrorContext } from '../server/error-responses';
import type { ScriptedError } from '../simulator-types';
import { azureContentFilterResults } from './azure-chat';

const CONTENT_FILTER_MESSAGE =
  "The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry. To learn more about our content filtering policies please read our documentation: https://go.microsoft.com/fwlink/?linkid=2198766";

// Errors raised by Azure's own gateway (not the model) are `{"error":{"code":"<status>","message"}}`.
const GATEWAY_MESSAGES: Record<number, (context: ErrorContext) => string> = {
  401: () =>
    'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
  404: () => 'Resource not found',
  429: (context) =>
    `Requests to the ChatCompletions_Create Operation under Azure OpenAI API version ${context.apiVersion ?? 'unknown'} have exceeded token rate limit of your current OpenAI S0 pricing tier. Please retry after 1 second. Please go here: https://aka.ms/oai/quotaincrease if you would like to further increase the default rate limit.`,
};

/**
 * Azure OpenAI error bodies: the gateway shape for 401/404/429 (unless a type or code is scripted),
 * the content-filter shape for `code: 'content_filter'`, else OpenAI's shape.
 */
export function azureErrorBody(
  status: number,
  scripted: ScriptedError | undefined,
  context: ErrorContext,
): unknown {
  if (scripted?.body !== undefined) return scripted.body;
  if (scripted?.code === 'content_filter') {
    return {
      error: {
        message: scripted.message ?? CONTENT_FILTER_MESSAGE,
        type: scripted.type ?? null,
        param: scripted.param ?? 'prompt',
        code: 'content_filter',
        status,
        innererror: {
          code: 'ResponsibleAIPolicyViolation',
          content_filter_result: azureContentFilterResults(scripted.content_filter ?? ['hate']),
        },
      },
    };
  }
  const gatewayMessage = GATEWAY_MESSAGES[status];
  if (
    gatewayMessage !== undefined &&
    scripted?.type === undefined &&
    scripted?.code === undefined
  ) {
    return {
      error: { code: String(status), message: scripted?.message ?? gatewayMessage(context) },
    };
  }
  return openaiErrorBody(status, scripted, context);
}
