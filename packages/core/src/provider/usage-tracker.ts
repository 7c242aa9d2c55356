import type { TimeRange, UsageFilter, UsageRecord, UsageSummary } from '../schemas/usage-record';

/** Seed 001 IUsageTracker: the usage ledger. */
export interface IUsageTracker {
  recordUsage(record: UsageRecord): Promise<void>;
  getUsageSummary(filter?: UsageFilter): Promise<UsageSummary[]>;
  getModelUsage(modelName: string, timeRange?: TimeRange): Promise<UsageSummary>;
  getTotalCost(timeRange?: TimeRange): Promise<number>;
  exportUsage(format: 'json' | 'csv', filter?: UsageFilter): Promise<string>;
  cleanupOldRecords(retentionDays: number): Promise<number>;
}
