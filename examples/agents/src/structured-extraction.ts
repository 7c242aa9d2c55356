import { z } from 'zod';
import type { LLMManager } from '@llm/manager';
import { templates, type GenerateObjectResult } from '@llm/tools';
import { invalidThenRepairedJson, type Simulator } from '@llm/testing';
import { isMain, runAsScript, startOfflineManager } from './offline-manager';

/** What is extracted from an invoice e-mail. */
export const Invoice = z.object({
  vendor: z.string(),
  total: z.number().nonnegative(),
  currency: z.string().length(3),
  due: z.string().describe('ISO date'),
});
export type Invoice = z.infer<typeof Invoice>;

/** Extraction: the `extract_json` preset writes the prompt, `generateObject` validates the answer. */
export async function extractInvoice(
  llm: LLMManager,
  email: string,
): Promise<GenerateObjectResult<Invoice>> {
  return llm.generateObject({
    model: 'gpt-4o-mini',
    messages: templates.extract_json.renderMessages({
      text: email,
      schema: JSON.stringify(z.toJSONSchema(Invoice)),
      hints: ['currency is an ISO 4217 code'],
    }),
    schema: Invoice,
    schemaName: 'invoice',
  });
}

/** What the simulated model answers: a first object with a text total, repaired after the error. */
export function scriptExtraction(simulator: Simulator): void {
  simulator.script(
    ...invalidThenRepairedJson({
      invalid: { vendor: 'ACME GmbH', total: '1,250.00', currency: 'EUR', due: '2027-01-15' },
      repaired: { vendor: 'ACME GmbH', total: 1250, currency: 'EUR', due: '2027-01-15' },
    }),
  );
}

/** The example, offline. */
export async function runStructuredExtraction(
  write: (line: string) => void,
): Promise<GenerateObjectResult<Invoice>> {
  const offline = await startOfflineManager();
  try {
    scriptExtraction(offline.simulator);
    const result = await extractInvoice(
      offline.manager,
      'Hello, please pay invoice 42 from ACME GmbH: EUR 1,250.00, due 15 January 2027.',
    );
    write(`invoice: ${JSON.stringify(result.object)}`);
    write(
      `${result.attempts} attempt(s) (${result.mode}), ${result.usage.total_tokens} tokens, $${result.cost}`,
    );
    return result;
  } finally {
    await offline.close();
  }
}

if (isMain(import.meta.url)) runAsScript(runStructuredExtraction);
