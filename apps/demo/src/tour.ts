import { LLMError } from '@llm/core';
import type { DemoContext, DemoSection } from './demo-section';
import { budget } from './sections/budget';
import { circuitBreaker } from './sections/circuit-breaker';
import { csvExport } from './sections/csv-export';
import { fallback } from './sections/fallback';
import { multiProviderChat } from './sections/multi-provider-chat';
import { prometheusText } from './sections/prometheus-text';
import { streaming } from './sections/streaming';
import { structuredOutput } from './sections/structured-output';
import { toolAgent } from './sections/tool-agent';
import { usageByModelAndDay } from './sections/usage-table';
import { visionInput } from './sections/vision-input';

/** The tour, in order. A new section is one file under sections/ and one entry here. */
export const DEMO_SECTIONS: readonly DemoSection[] = [
  multiProviderChat,
  streaming,
  toolAgent,
  structuredOutput,
  visionInput,
  fallback,
  circuitBreaker,
  budget,
  usageByModelAndDay,
  csvExport,
  prometheusText,
];

/** What the tour came to: the titles of the sections that threw. */
export interface TourOutcome {
  readonly failed: readonly string[];
}

/** A section's failure in one line: the LLMError's type and message, else the error's message. */
function describeFailure(error: unknown): string {
  if (LLMError.is(error)) return `${error.type}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs every section with a numbered heading and its explanation. With `--real` the sections that
 * need the simulator say so and are skipped. A section that throws is reported and the tour goes
 * on, so one failing call does not hide what the rest shows.
 */
export async function runTour(
  context: DemoContext,
  sections = DEMO_SECTIONS,
): Promise<TourOutcome> {
  const failed: string[] = [];
  for (const [index, section] of sections.entries()) {
    context.write(`\n${index + 1}. ${section.title}\n`);
    if (section.offlineOnly && !context.simulator) {
      context.write('  skipped with --real: it rehearses faults only the simulator can inject\n');
      continue;
    }
    context.write(`${section.explanation}\n\n`);
    try {
      await section.run(context);
    } catch (error) {
      failed.push(section.title);
      context.write(`  section failed: ${describeFailure(error)}\n`);
    }
  }
  return { failed };
}
