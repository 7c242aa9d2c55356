import type { Simulator } from '@llm/testing';

/** A second OpenAI-protocol provider on the same simulator, and logical models over both. */
export const routingToml =
  (extra = '') =>
  (simulator: Simulator) => `
[llm.providers.openai.models.gpt-4o]
[llm.providers.openai.models.o3-mini]

[llm.providers.backup]
type = "openai"
api_key = "\${TEST_OPENAI_KEY}"
base_url = "${simulator.openaiBaseURL}"
timeout = 5000

[llm.providers.backup.models.gpt-4o-mini]
[llm.providers.backup.models.gpt-4o]
[llm.providers.backup.models."gpt-4.1"]
context_window = 1000000

[llm.models.smart]
deployments = [{ provider = "openai", model = "gpt-4o" }]
fallbacks = ["backup/gpt-4o"]
context_window_fallbacks = ["backup/gpt-4.1"]
${extra}
`;

/** A one-message chat request for `model`. */
export const ask = (model: string) => ({
  model,
  messages: [{ role: 'user' as const, content: 'hello' }],
});
