import type { DemoContext, DemoSection } from './demo-section';
import { budget } from './sections/budget';
import { circuitBreaker } from './sections/circuit-breaker';
import { csvExport } from './sections/csv-export';
import { fallback } from './sections/fallback';
import { multiProviderChat } from './sections/multi-provider-chat';
import { streaming } from './sections/streaming';
import { usageByModelAndDay } from './sections/usage-table';

/** The tour, in order. A new section is one file under sections/ and one entry here. */
export const DEMO_SECTIONS: readonly DemoSection[] = [
  multiProviderChat,
  streaming,
  fallback,
  circuitBreaker,
  budget,
  usageByModelAndDay,
  csvExport,
];

/** Runs every section with a numbered heading and its explanation; `--real` skips fault rehearsals. */
export async function runTour(context: DemoContext, sections = DEMO_SECTIONS): Promise<void> {
  let number = 0;
  for (const section of sections) {
    if (section.offlineOnly && !context.simulator) continue;
    number++;
    context.write(`\n${number}. ${section.title}\n${section.explanation}\n\n`);
    await section.run(context);
  }
}
