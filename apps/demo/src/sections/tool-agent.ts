import { toolCallsThenAnswer } from '@llm/testing';
import { ToolManager } from '@llm/tools';
import { z } from 'zod';
import type { DemoSection } from '../demo-section';

const DAY_MS = 86_400_000;

/** The agent's tool: whole days from one ISO date to another, computed, not looked up. */
export function daysBetweenTool(): ToolManager {
  return new ToolManager().register({
    name: 'days_between',
    description: 'The number of whole days from one ISO date (YYYY-MM-DD) to another',
    parameters: z.object({ from: z.iso.date(), to: z.iso.date() }),
    execute: ({ from, to }) => Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS),
  });
}

export const toolAgent: DemoSection = {
  title: 'A tool-using agent',
  explanation:
    'callWithTools runs the tool loop: the model asks for days_between, the toolbox validates the\n' +
    'arguments and runs it, the result goes back, and the model answers; each step is recorded.',
  async run({ manager, simulator, model, write }) {
    simulator?.script(
      ...toolCallsThenAnswer({
        calls: [{ name: 'days_between', arguments: { from: '2026-12-01', to: '2026-12-25' } }],
        answer: 'There are 24 days from 1 December to Christmas Day 2026.',
      }),
    );
    const result = await manager.callWithTools(
      {
        model,
        messages: [
          { role: 'system', content: 'Count days with the days_between tool; never guess.' },
          { role: 'user', content: 'How many days are there from 2026-12-01 to 2026-12-25?' },
        ],
      },
      daysBetweenTool(),
      { maxSteps: 4, tags: { demo: 'tools' } },
    );
    for (const step of result.steps)
      for (const call of step.tool_results)
        write(
          `  step ${step.step}: ${call.name}(${JSON.stringify(call.args)}) -> ${call.content}\n`,
        );
    write(
      `  answer: ${result.content}\n` +
        `    ${result.steps.length} model calls, tokens ${result.usage.prompt_tokens} + ${result.usage.completion_tokens}, cost ${result.cost?.toFixed(8)} ${result.usage.currency}\n`,
    );
  },
};
