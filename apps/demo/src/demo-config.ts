import type { Simulator } from '@llm/testing';
import { DEMO_BREAKER_COOLDOWN_MS } from './sections/circuit-breaker';

/** The budget section: a block budget on calls tagged demo=budget, far below one call's worst case. */
export const DEMO_BUDGET = {
  name: 'demo-budget',
  period: 'day',
  scope: 'tag',
  match: 'demo=budget',
  limit: 0.000001,
  currency: 'USD',
  action: 'block',
} as const;

const DEMO_BUDGET_TOML = `[[llm.budgets]]
${Object.entries(DEMO_BUDGET)
  .map(([key, value]) => `${key} = ${JSON.stringify(value)}`)
  .join('\n')}
`;

/** A config in the documented TOML format pointing both providers at the local simulator. */
export function demoConfigToml(simulator: Simulator, usageDirectory: string): string {
  return `
[llm]
default_provider = "openai"
enable_usage_tracking = true
usage_data_dir = ${JSON.stringify(usageDirectory)}
cost_tracking = true

[llm.providers.openai]
type = "openai"
api_key = "\${DEMO_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"
timeout = 10000

[llm.providers.openai.models.gpt-4o-mini]
display_name = "GPT-4o mini"
max_tokens = 4096
supports_vision = true
supports_tools = true
supports_streaming = true

[llm.providers.openai.models.gpt-4o-mini.pricing]
currency = "USD"
unit = "million_tokens"
input_price = 0.15
output_price = 0.60
cached_input_price = 0.075

[llm.providers.claude]
type = "claude"
api_key = "\${DEMO_ANTHROPIC_KEY}"
base_url = "${simulator.anthropicBaseURL}"
timeout = 10000

[llm.providers.claude.models."claude-sonnet-4-20250514"]
display_name = "Claude Sonnet 4"
max_tokens = 8192

# The fallback section: OpenAI first, Claude when OpenAI keeps failing.
[llm.models.resilient]
deployments = [{ provider = "openai", model = "gpt-4o-mini" }]
fallbacks = ["claude/claude-sonnet-4-20250514"]

# The circuit section: a provider whose circuit opens after two failures and probes again soon after.
[llm.providers.flaky]
type = "openai"
api_key = "\${DEMO_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"

[llm.providers.flaky.models.gpt-4o-mini]

[llm.providers.flaky.retry]
max_attempts = 1

[llm.providers.flaky.circuit_breaker]
failure_threshold = 2
cooldown = ${DEMO_BREAKER_COOLDOWN_MS}

${DEMO_BUDGET_TOML}
[llm.retry]
max_attempts = 3
base_delay = 50
max_delay = 500
backoff_factor = 2.0
retryable_errors = ["network", "rate_limit", "server_error"]
`;
}
