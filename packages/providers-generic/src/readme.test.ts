import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, PRESETS } from './presets';
import { BUILT_IN_TRANSFORMS } from './transforms/transform-registry';

const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

/** The cells of the table row whose first cell is `name` in backticks. */
function row(name: string): string[] | undefined {
  const first = new RegExp(`^\\|\\s*\`${name}\`\\s*\\|`);
  const line = readme.split('\n').find((candidate) => first.test(candidate));
  return line
    ?.split('|')
    .slice(1, -1)
    .map((cell) => cell.trim());
}

describe('the README', () => {
  it.each(PRESET_NAMES)('documents preset %s as it is', (name) => {
    const preset = PRESETS[name]!;
    const cells = row(name);
    expect(cells, `no table row for ${name}`).toBeDefined();
    const [, baseURL, auth, key, streamUsage, mayMiss, reasoning, transforms] = cells!;
    expect(baseURL).toBe(`\`${preset.baseURL}\``);
    expect(auth).toBe(preset.authStyle);
    expect(key).toBe(preset.requiresApiKey ? 'required' : 'none');
    expect(streamUsage).toBe(preset.includeStreamUsage ? 'sent' : 'not sent');
    expect(mayMiss).toBe(preset.usageMayBeMissing ? 'yes' : 'no');
    expect(reasoning).toBe(preset.reasoningField ? `\`${preset.reasoningField}\`` : '—');
    expect(transforms).toBe(
      preset.transforms?.length ? preset.transforms.map((t) => `\`${t}\``).join(', ') : '—',
    );
  });

  it.each(Object.keys(BUILT_IN_TRANSFORMS))('documents built-in transform %s', (name) => {
    expect(row(name), `no table row for ${name}`).toBeDefined();
  });

  it.each(PRESET_NAMES)('carries the notes of preset %s verbatim', (name) => {
    expect(readme).toContain(`- **${name}** — ${PRESETS[name]!.notes.join(' ')}\n`);
  });

  const withUnverifiedClaims = PRESET_NAMES.filter((name) => PRESETS[name]!.unverified?.length);
  it.each(withUnverifiedClaims)('lists what is unverified about preset %s', (name) => {
    for (const claim of PRESETS[name]!.unverified!)
      expect(readme).toContain(`- \`${name}\`: ${claim}\n`);
  });
});
