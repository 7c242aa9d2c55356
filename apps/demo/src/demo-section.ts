import type { LLMManager } from '@llm/manager';
import type { PrometheusMetrics } from '@llm/telemetry';
import type { Simulator } from '@llm/testing';

/** What every section of the tour gets. */
export interface DemoContext {
  readonly manager: LLMManager;
  /** Absent with `--real`: the calls go to the real providers. */
  readonly simulator?: Simulator;
  /** The model each section calls (`gpt-4o-mini` offline; a provider/model pair with --real). */
  readonly model: string;
  /** A second provider's model, for the multi-provider sections. */
  readonly otherModel?: string;
  /** Prometheus series fed by the manager's events since before the first section. */
  readonly metrics: PrometheusMetrics;
  /** A temporary folder the tour may write to (the CSV export). */
  readonly directory: string;
  write(text: string): void;
}

/**
 * One numbered section of the tour: a title, two or three sentences saying what it shows, and
 * the code. A new capability is one more file exporting a DemoSection, added to the list in
 * `tour.ts`.
 */
export interface DemoSection {
  readonly title: string;
  readonly explanation: string;
  /** Sections that need the simulator's faults (or its scripted answers) are skipped with `--real`. */
  readonly offlineOnly?: boolean;
  run(context: DemoContext): Promise<void>;
}
