import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import '@llm/providers-openai';
import '@llm/providers-claude';
import { createLLMManager } from '@llm/manager';
import { startSimulator } from '@llm/testing';
import { demoConfigToml } from './demo-config';
import { usageTable } from './print-usage-table';

/** The offline demo: simulator in-process, seed-001 TOML config, one chat, one stream, a usage table. */
export async function runDemo(
  write: (text: string) => void = (text) => process.stdout.write(text),
): Promise<void> {
  const simulator = await startSimulator();
  const directory = await mkdtemp(path.join(os.tmpdir(), 'llm-demo-'));
  const configFile = path.join(directory, 'llm.toml');
  await writeFile(configFile, demoConfigToml(simulator, path.join(directory, 'usage')));
  const manager = await createLLMManager({
    configFile,
    watch: false,
    env: { DEMO_OPENAI_KEY: 'sim-openai-key', DEMO_ANTHROPIC_KEY: 'sim-anthropic-key' },
  });
  try {
    write(`Simulator listening on ${simulator.url} (no network, no API keys)\n\n`);

    simulator.script(
      { error: { status: 503, message: 'The server is overloaded' } },
      { reply: { text: 'The capital of France is Paris.' } },
    );
    const answer = await manager.chatCompletion({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are a concise geography assistant.' },
        { role: 'user', content: 'What is the capital of France?' },
      ],
    });
    write(
      `chat  [openai/gpt-4o-mini, ${answer.metadata.attempt_count} attempts after a 503]\n  ${answer.content}\n`,
    );
    write(
      `  tokens ${answer.usage.prompt_tokens} + ${answer.usage.completion_tokens}, cost ${answer.usage.cost?.toFixed(8)} ${answer.usage.currency}\n\n`,
    );

    simulator.script({
      reply: {
        text: 'Streams arrive chunk by chunk, and the usage comes with the last one.',
        chunk_size: 6,
      },
    });
    write('stream [claude/claude-sonnet-4-20250514]\n  ');
    for await (const chunk of manager.streamCompletion({
      model: 'claude-sonnet-4-20250514',
      messages: [{ role: 'user', content: 'How do streams report usage?' }],
    })) {
      if (chunk.type === 'text-delta') write(chunk.delta);
      if (chunk.type === 'finish') {
        write(
          `\n  tokens ${chunk.usage.prompt_tokens} + ${chunk.usage.completion_tokens}, cost ${chunk.usage.cost?.toFixed(8)} ${chunk.usage.currency} (catalog price)\n\n`,
        );
      }
    }

    write(
      `Usage by model (ledger: ${path.join(directory, 'usage')})\n${usageTable(await manager.getUsageSummary())}\n`,
    );
  } finally {
    await manager.close();
    await simulator.close();
    await rm(directory, { recursive: true, force: true });
  }
}
