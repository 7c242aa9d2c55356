import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DemoSection } from '../demo-section';

/**
 * The demo's picture (see assets/README.md), found from this module upwards: the module is
 * src/sections/ in tests and the bundled dist/index.js when the demo runs.
 */
function findDemoImage(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let directory = start; ; directory = path.dirname(directory)) {
    const candidate = path.join(directory, 'assets', 'red-square.png');
    if (existsSync(candidate) || path.dirname(directory) === directory) return candidate;
  }
}

export const DEMO_IMAGE = findDemoImage();

/** The image parts of a recorded OpenAI request, as the simulator received them. */
function imageParts(body: unknown): string[] {
  const messages = (body as { messages?: { content?: unknown }[] } | undefined)?.messages ?? [];
  return messages.flatMap(({ content }) =>
    Array.isArray(content)
      ? content.flatMap((part: { type?: string; image_url?: { url?: string } }) =>
          part.type === 'image_url' && part.image_url?.url ? [part.image_url.url] : [],
        )
      : [],
  );
}

export const visionInput: DemoSection = {
  title: 'Vision input',
  explanation:
    'visionCompletion takes a prompt and images (a path, a URL or bytes); a file is read and sent as\n' +
    'a data URI image part, its media type read from the bytes; models without vision are refused.',
  async run({ manager, simulator, model, write }) {
    simulator?.script({ reply: { text: 'A red square on a white background.' } });
    const sent = simulator?.requests.length ?? 0;
    const answer = await manager.visionCompletion({
      model,
      prompt: 'What shape and colour is in this picture? One sentence.',
      images: [DEMO_IMAGE],
    });
    for (const url of simulator?.requests
      .slice(sent)
      .flatMap((request) => imageParts(request.body)) ?? [])
      write(
        `  image part sent: ${url.slice(0, url.indexOf(',') + 1)}… (${url.length} characters)\n`,
      );
    write(
      `  ${answer.metadata.provider_name}/${answer.model}: ${answer.content}\n` +
        `    tokens ${answer.usage.prompt_tokens} + ${answer.usage.completion_tokens}, cost ${answer.usage.cost?.toFixed(8)} ${answer.usage.currency}\n`,
    );
  },
};
