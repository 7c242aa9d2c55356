import { startSimulator, type Simulator } from '@llm/testing';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** One simulator per test file, reset before each test and closed at the end. */
export function useSimulator(): { readonly current: Simulator } {
  const holder = { current: undefined as unknown as Simulator };
  beforeAll(async () => {
    holder.current = await startSimulator();
  });
  afterAll(() => holder.current.close());
  beforeEach(() => holder.current.reset());
  return holder;
}
