import type { UsageRecord } from '@llm/core';
import { Decimal } from '@llm/usage';
import type { Simulator } from '@llm/testing';
import type { LLMManager } from '../llm-manager';

/** One provider of the agent tests: how requests name it and which wire it speaks. */
export interface AgentTarget {
  readonly label: string;
  readonly provider: string;
  readonly model: string;
  readonly protocol: 'openai' | 'anthropic';
}

export const AGENT_TARGETS: readonly AgentTarget[] = [
  { label: 'OpenAI', provider: 'openai', model: 'gpt-4o-mini', protocol: 'openai' },
  {
    label: 'Claude',
    provider: 'claude',
    model: 'claude-sonnet-4-20250514',
    protocol: 'anthropic',
  },
  {
    label: 'a generic preset (deepseek)',
    provider: 'deepseek',
    model: 'deepseek-chat',
    protocol: 'openai',
  },
];

/** Prices for the Claude model and a generic deepseek provider on the simulator's OpenAI wire. */
export function agentToml(simulator: Simulator): string {
  return `
[llm.providers.claude.models."claude-sonnet-4-20250514".pricing]
currency = "USD"
unit = "million_tokens"
input_price = 3
output_price = 15

[llm.providers.deepseek]
type = "generic"
preset = "deepseek"
api_key = "sk-deepseek-test-123"
base_url = "${simulator.openaiBaseURL}"
timeout = 5000

[llm.providers.deepseek.models.deepseek-chat]
context_window = 64000

[llm.providers.deepseek.models.deepseek-chat.pricing]
currency = "USD"
unit = "million_tokens"
input_price = 0.27
output_price = 1.10
`;
}

/** Every ledger record the manager writes from now on. */
export function collectRecords(manager: LLMManager): UsageRecord[] {
  const records: UsageRecord[] = [];
  manager.on('usage', (record) => records.push(record));
  return records;
}

/** The exact sum of the records' costs, as the ledger's sums make it. */
export function ledgerCostSum(records: readonly UsageRecord[]): number {
  return records
    .reduce((sum, record) => sum.plus(Decimal.from(record.cost_decimal!)), Decimal.ZERO)
    .toNumber();
}

/** The request bodies the simulator received for a protocol, in order. */
/** A request body as the simulator logged it. */
export interface SentBody {
  readonly messages: readonly Record<string, unknown>[];
  readonly [field: string]: unknown;
}

export function bodies(simulator: Simulator, protocol: AgentTarget['protocol']): SentBody[] {
  return simulator.requests
    .filter((request) => request.protocol === protocol)
    .map((request) => request.body as SentBody);
}
