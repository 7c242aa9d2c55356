import { describe, expect, it } from 'vitest';
import { median, pairWithNeighbours, summariseRuns } from './paired-runs.mjs';

const run = (callsPerSecond, cpuUsPerCall, extra = {}) => ({
  callsPerSecond,
  cpuUsPerCall,
  failures: 0,
  ...extra,
});

describe('paired runs', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('rates a run against the mean of the baseline runs beside it, so drift common to them cancels', () => {
    // The machine slows by a third between the two baseline runs; the variant, run between
    // them, costs 5% more CPU than the baseline would have at that moment.
    const before = run(1000, 1000);
    const after = run(750, 1400);
    const paired = pairWithNeighbours(run(875 / 1.05, 1200 * 1.05), before, after);
    expect(paired.cpuRatio).toBeCloseTo(1.05, 10);
    expect(paired.callsRatio).toBeCloseTo(1 / 1.05, 10);
    expect(paired.cpuUsPerCall).toBeCloseTo(1260, 10);
  });

  it('summarises the medians of values and of paired ratios; latency only where it was measured', () => {
    const runs = [
      {
        ...run(900, 1300, { p50Ms: 0.5, p99Ms: 2 }),
        callsRatio: 0.97,
        cpuRatio: 1.06,
        failures: 1,
      },
      { ...run(1200, 1000), callsRatio: 0.99, cpuRatio: 1.04, failures: 0 },
      {
        ...run(1000, 1200, { p50Ms: 0.7, p99Ms: 4 }),
        callsRatio: 1.01,
        cpuRatio: 1.09,
        failures: 2,
      },
    ];
    expect(summariseRuns(runs)).toEqual({
      callsPerSecond: 1000,
      cpuUsPerCall: 1200,
      callsRatio: 0.99,
      cpuRatio: 1.06,
      p50Ms: 0.6,
      p99Ms: 3,
      failures: 3,
    });
  });
});
