import { createResiliencePipeline, type ResiliencePipelineOptions } from '../resilience-pipeline';
import type { TestClock } from './test-clock';

/** A pipeline for `openai` on a test clock, with fixed randomness and no jitter: its delays are exact. */
export function deterministicPipeline(
  clock: TestClock,
  options: Partial<ResiliencePipelineOptions> = {},
) {
  return createResiliencePipeline({
    providerName: 'openai',
    clock,
    random: () => 0.5,
    retry: { jitter: 'none' },
    ...options,
  });
}
