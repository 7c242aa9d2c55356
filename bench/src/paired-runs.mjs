// The statistics of the call table: a run's ratios to the baseline runs beside it, and the medians.

/** The middle value; the mean of the two middle ones for an even count. */
export const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * `run` with its ratios to the baseline runs just `before` and just `after` it (to their mean):
 * load that drifts over minutes moves a run and its two neighbours alike, so the ratio keeps
 * little of it.
 */
export function pairWithNeighbours(run, before, after) {
  return {
    ...run,
    callsRatio: (2 * run.callsPerSecond) / (before.callsPerSecond + after.callsPerSecond),
    cpuRatio: (2 * run.cpuUsPerCall) / (before.cpuUsPerCall + after.cpuUsPerCall),
  };
}

/**
 * One variant's runs of one mode summarised: medians of its values and of its paired ratios;
 * latency over the runs that measured it (at concurrency 1), failures summed.
 */
export function summariseRuns(runs) {
  const timed = runs.filter((run) => run.p50Ms !== undefined);
  return {
    callsPerSecond: median(runs.map((run) => run.callsPerSecond)),
    cpuUsPerCall: median(runs.map((run) => run.cpuUsPerCall)),
    callsRatio: median(runs.map((run) => run.callsRatio)),
    cpuRatio: median(runs.map((run) => run.cpuRatio)),
    p50Ms: median(timed.map((run) => run.p50Ms)),
    p99Ms: median(timed.map((run) => run.p99Ms)),
    failures: runs.reduce((sum, run) => sum + run.failures, 0),
  };
}
