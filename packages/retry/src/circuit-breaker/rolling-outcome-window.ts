/** Outcomes of the last `windowMs` (a failure rate over a rolling time window). */
export class RollingOutcomeWindow {
  #outcomes: { at: number; failed: boolean }[] = [];

  constructor(private windowMs: number) {}

  resize(windowMs: number): void {
    this.windowMs = windowMs;
  }

  record(at: number, failed: boolean): void {
    this.#outcomes.push({ at, failed });
  }

  counts(now: number): { calls: number; failures: number } {
    const since = now - this.windowMs;
    const firstKept = this.#outcomes.findIndex((outcome) => outcome.at > since);
    this.#outcomes = firstKept === -1 ? [] : this.#outcomes.slice(firstKept);
    const failures = this.#outcomes.filter((outcome) => outcome.failed).length;
    return { calls: this.#outcomes.length, failures };
  }

  clear(): void {
    this.#outcomes = [];
  }
}
