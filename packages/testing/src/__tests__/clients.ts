// Official SDK clients pointed at a simulator, as the package's own tests use them.
import Anthropic from '@anthropic-ai/sdk';
import OpenAI, { AzureOpenAI } from 'openai';
import { afterAll, afterEach } from 'vitest';
import { startSimulator } from '../start-simulator';
import type { Simulator, StartSimulatorOptions } from '../simulator-types';

export const AZURE_API_VERSION = '2024-10-21';

export function openaiClient(simulator: Simulator, apiKey = 'test'): OpenAI {
  return new OpenAI({ baseURL: simulator.openaiBaseURL, apiKey, maxRetries: 0, logLevel: 'off' });
}

export function anthropicClient(simulator: Simulator, apiKey = 'test'): Anthropic {
  return new Anthropic({
    baseURL: simulator.anthropicBaseURL,
    apiKey,
    maxRetries: 0,
    logLevel: 'off',
  });
}

export function azureClient(
  simulator: Simulator,
  deployment = 'my-gpt-deployment',
  apiKey = 'test',
): AzureOpenAI {
  return new AzureOpenAI({
    endpoint: simulator.azureEndpoint,
    apiKey,
    apiVersion: AZURE_API_VERSION,
    deployment,
    maxRetries: 0,
    logLevel: 'off',
  });
}

/** One simulator for a test file: reset after each test, closed after all. */
export async function sharedSimulator(options?: StartSimulatorOptions): Promise<Simulator> {
  const simulator = await startSimulator(options);
  afterEach(() => simulator.reset());
  afterAll(() => simulator.close());
  return simulator;
}
