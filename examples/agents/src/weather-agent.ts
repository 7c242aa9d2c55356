import { z } from 'zod';
import type { LLMManager } from '@llm/manager';
import { ToolManager, type ToolLoopResult } from '@llm/tools';
import { toolCallsThenAnswer, type Simulator } from '@llm/testing';
import { isMain, runAsScript, startOfflineManager } from './offline-manager';

const FORECASTS: Readonly<Record<string, { sky: string; celsius: number }>> = {
  paris: { sky: 'sunny', celsius: 21 },
  oslo: { sky: 'snow', celsius: -3 },
};

// #region agent-tools
/** The agent's tools: a weather lookup and a calculator, validated by zod before they run. */
export function agentTools(): ToolManager {
  return new ToolManager()
    .register({
      name: 'get_weather',
      description: 'The current weather in a city',
      parameters: z.object({ city: z.string().describe('City name, e.g. "Paris"') }),
      execute: ({ city }) => FORECASTS[city.toLowerCase()] ?? { error: `no forecast for ${city}` },
    })
    .register({
      name: 'calculate',
      description: 'Adds, subtracts, multiplies or divides two numbers',
      parameters: z.object({
        a: z.number(),
        b: z.number(),
        operation: z.enum(['add', 'subtract', 'multiply', 'divide']),
      }),
      execute: ({ a, b, operation }) => {
        if (operation === 'divide' && b === 0) throw new Error('division by zero');
        const results = { add: a + b, subtract: a - b, multiply: a * b, divide: a / b };
        return results[operation];
      },
    });
}

/** The agent: one question, as many tool rounds as the model needs (at most 5), one answer. */
export async function askAgent(llm: LLMManager, question: string): Promise<ToolLoopResult> {
  return llm.callWithTools(
    {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Answer with the tools; never guess a temperature.' },
        { role: 'user', content: question },
      ],
    },
    agentTools(),
    { maxSteps: 5, tags: { feature: 'weather-agent' } },
  );
}
// #endregion agent-tools

/** What the simulated model answers: both tools at once, then the calculator, then the answer. */
export function scriptWeatherAgent(simulator: Simulator): void {
  const [first, answer] = toolCallsThenAnswer({
    calls: [
      { name: 'get_weather', arguments: { city: 'Paris' } },
      { name: 'get_weather', arguments: { city: 'Oslo' } },
    ],
    answer: 'Paris is sunny at 21°C, Oslo has snow at -3°C: Paris is 24 degrees warmer.',
  });
  simulator.script(
    first!,
    {
      reply: {
        tool_calls: [{ name: 'calculate', arguments: { a: 21, b: -3, operation: 'subtract' } }],
      },
    },
    answer!,
  );
}

/** The example, offline: the agent against the simulator, each step printed. */
export async function runWeatherAgent(write: (line: string) => void): Promise<ToolLoopResult> {
  const offline = await startOfflineManager();
  try {
    scriptWeatherAgent(offline.simulator);
    const result = await askAgent(offline.manager, 'How much warmer is Paris than Oslo right now?');
    for (const step of result.steps) {
      for (const toolResult of step.tool_results) {
        write(
          `step ${step.step}: ${toolResult.name}(${JSON.stringify(toolResult.args)}) -> ${toolResult.content}`,
        );
      }
    }
    write(`answer: ${result.content}`);
    write(`${result.steps.length} steps, ${result.usage.total_tokens} tokens, $${result.cost}`);
    return result;
  } finally {
    await offline.close();
  }
}

if (isMain(import.meta.url)) runAsScript(runWeatherAgent);
