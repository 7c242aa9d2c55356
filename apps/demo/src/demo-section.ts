import type { LLMManager } from '@llm/manager';
import type { Simulator } from '@llm/testing';

/** What every section of the tour gets. */
export interface DemoContext {
  readonly manager: LLMManager;
  /** Absent with `--real`: the calls go to the real providers. */
  readonly simulator?: Simulator;
  /** The model each section calls (`gpt-4o-mini` offline; the first provider's choice with --real). */
  readonly model: string;
  /** A second provider's model, for the multi-provider sections. */
  readonly otherModel?: string;
  /** A temporary folder the tour may write to (the CSV export). */
  readonly directory: string;
  write(text: string): void;
}

/**
 * One numbered section of the tour: a title, two or three sentences saying what it shows, and
 * the code. A new capability (tools, structured output, vision, Prometheus) is one more file
 * exporting a DemoSection, added to the list in `tour.ts`.
 */
export interface DemoSection {
  readonly title: string;
  readonly explanation: string;
  /** Sections that need the simulator's faults are skipped with `--real`. */
  readonly offlineOnly?: boolean;
  run(context: DemoContext): Promise<void>;
}
