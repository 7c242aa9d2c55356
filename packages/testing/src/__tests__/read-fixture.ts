// Reads recorded wire files independently of the simulator's own code, to compute expectations.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolveWireDir } from '../replay/wire-dir';

export interface FixtureEvent {
  readonly event: string | undefined;
  readonly data: string;
}

export function wireDir(): string {
  const directory = resolveWireDir();
  if (directory === undefined)
    throw new Error('no fixtures/wire folder in @llm/testing and no $LLM_WIRE_DIR');
  return directory;
}

export function fixtureFiles(folder: string, extension: string): string[] {
  return readdirSync(join(wireDir(), folder))
    .filter((name) => name.endsWith(extension))
    .map((name) => `${folder}/${name}`);
}

export function readFixture(file: string): string {
  return readFileSync(join(wireDir(), file), 'utf8');
}

/** SSE events per the spec: blank-line separated, `event:`/`data:` fields, one optional leading space dropped. */
export function readSseEvents(file: string): FixtureEvent[] {
  const events: FixtureEvent[] = [];
  for (const block of readFixture(file).split(/\r?\n\r?\n/)) {
    let event: string | undefined;
    const data: string[] = [];
    for (const line of block.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      const field = line.slice(0, colon);
      const value = line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event = value;
      if (field === 'data') data.push(value);
    }
    if (event !== undefined || data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return events;
}

/** The JSON payloads of a stream's `data:` lines, without `[DONE]`. */
export function readSseData(file: string): unknown[] {
  return readSseEvents(file)
    .filter((event) => event.data !== '[DONE]')
    .map((event) => JSON.parse(event.data) as unknown);
}
