import { describe, expect, it } from 'vitest';
import type { UsageRecord } from '@llm/core';
import { createCurrencyConverter } from '../money/currency-converter';
import { JsonlUsageStore } from '../store/jsonl/jsonl-usage-store';
import { MemoryUsageStore } from '../store/memory-usage-store';
import type { UsageStore } from '../store/usage-store';
import { sampleRecord } from '../__tests__/sample-records';
import { temporaryDirectory } from '../__tests__/temporary-directory';
import { summarizeUsage } from './summarize-usage';

const START = Date.UTC(2026, 6, 20, 10);
const converter = createCurrencyConverter();

/** One attempt of call `callId`; a failed one was billed `cost` for what it generated. */
function attempt(
  callId: string,
  number: number,
  provider: string,
  outcome: string,
  final: boolean,
  cost = '0.001',
): UsageRecord {
  return sampleRecord({
    timestamp: START + number,
    provider_name: provider,
    call_id: callId,
    attempt: number,
    outcome,
    final,
    success: outcome === 'success',
    ...(outcome === 'success' ? {} : { error_type: outcome }),
    cost: Number(cost),
    cost_decimal: cost,
  });
}

/**
 * Call A failed over from openai (503) to azure; call B failed on both; C is an old record without
 * `call_id` that made 2 provider requests.
 */
const RECORDS: UsageRecord[] = [
  attempt('A', 1, 'openai', 'server_error', false, '0.0001'),
  attempt('A', 2, 'azure', 'success', true, '0.002'),
  attempt('B', 1, 'openai', 'timeout', false, '0'),
  attempt('B', 2, 'azure', 'server_error', true, '0.0003'),
  sampleRecord({ timestamp: START + 5, provider_name: 'openai', attempts: 2 }),
];

async function summaries(store: UsageStore, group_by: 'provider' | 'none') {
  const groups = await summarizeUsage(store, { group_by });
  return Object.fromEntries(groups.map((group) => [group.key, group.toSummary(converter)]));
}

describe('summaries count calls, not attempts', () => {
  it('counts a call once, under the deployment that answered or was tried last', async () => {
    const store = new MemoryUsageStore();
    await store.append(RECORDS);
    const byProvider = await summaries(store, 'provider');
    expect(byProvider['azure']).toMatchObject({
      total_requests: 2,
      successful_requests: 1,
      failed_requests: 1,
      total_attempts: 2,
      failed_attempts: 1,
      failed_attempts_cost_decimal: '0.0003',
      total_cost_decimal: '0.0023',
    });
    expect(byProvider['openai']).toMatchObject({
      total_requests: 1,
      successful_requests: 1,
      failed_requests: 0,
      total_attempts: 4,
      failed_attempts: 2,
      failed_attempts_cost_decimal: '0.0001',
    });
  });

  it('shows attempts and the cost of failed attempts in their own columns', async () => {
    const store = new MemoryUsageStore();
    await store.append(RECORDS);
    const all = (await summaries(store, 'none'))['all']!;
    expect(all).toMatchObject({
      total_requests: 3,
      successful_requests: 2,
      failed_requests: 1,
      total_attempts: 6,
      failed_attempts: 3,
      failed_attempts_cost_decimal: '0.0004',
      failed_attempts_cost: 0.0004,
      total_cost_decimal: '0.00285',
    });
    // The average response time is per call: the final records and the old whole-call record.
    expect(all.average_response_time).toBe(250);
  });

  it('gives the same counts from saved rollups as from the records', async () => {
    const directory = temporaryDirectory('attempts-');
    const writer = new JsonlUsageStore({ directory });
    await writer.append(RECORDS);
    const fresh = await summaries(writer, 'provider');
    await writer.close();
    const reader = new JsonlUsageStore({ directory });
    expect(await summaries(reader, 'provider')).toEqual(fresh);
    await reader.close();
  });

  it('names the first and last attempt times of a group with attempts but no call', async () => {
    const store = new MemoryUsageStore();
    await store.append([attempt('D', 1, 'openai', 'server_error', false)]);
    expect((await summaries(store, 'provider'))['openai']).toMatchObject({
      total_requests: 0,
      total_attempts: 1,
      average_response_time: 0,
      first_request_time: START + 1,
      last_request_time: START + 1,
    });
  });
});
