import { Agent, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../start-simulator';
import type { Simulator } from '../simulator-types';

let simulator: Simulator | undefined;
afterEach(async () => simulator?.close());

const body = JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: 'Hi' }] });

/** One chat completion over `agent`, its answer read to the end. */
function post(target: Simulator, agent: Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      `${target.openaiBaseURL}/chat/completions`,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    sent.on('error', reject);
    sent.end(body);
  });
}

describe('the simulator counts the connections clients open', () => {
  it('sees a keep-alive pool of two reuse its sockets, and close them when destroyed', async () => {
    simulator = await startSimulator();
    simulator.script({ reply: { text: 'pooled' }, delayMs: 10, times: 6 });
    const agent = new Agent({ keepAlive: true, maxSockets: 2 });
    const statuses = await Promise.all([1, 2, 3, 4, 5, 6].map(() => post(simulator!, agent)));
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);
    expect(simulator.connections()).toEqual({ opened: 2, open: 2, peak: 2 });

    agent.destroy();
    await simulator.waitForConnectionsClosed();
    expect(simulator.connections()).toEqual({ opened: 2, open: 0, peak: 2 });
  });

  it('sees a client without keep-alive open a connection per request', async () => {
    simulator = await startSimulator();
    const agent = new Agent({ keepAlive: false });
    for (let call = 0; call < 3; call += 1) await post(simulator, agent);
    await simulator.waitForConnectionsClosed();
    expect(simulator.connections()).toMatchObject({ opened: 3, open: 0 });
  });

  it('counts from a reset: opened from zero, the peak from the connections still open', async () => {
    simulator = await startSimulator();
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await post(simulator, agent);
    simulator.reset();
    expect(simulator.connections()).toEqual({ opened: 0, open: 1, peak: 1 });
    await post(simulator, agent);
    expect(simulator.connections()).toEqual({ opened: 0, open: 1, peak: 1 });
    agent.destroy();
    await simulator.waitForConnectionsClosed();
  });

  it('resolves at once with nothing open, times out while a socket is held, and fails on close', async () => {
    simulator = await startSimulator();
    await expect(simulator.waitForConnectionsClosed(5)).resolves.toBeUndefined();

    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    await post(simulator, agent);
    await expect(simulator.waitForConnectionsClosed(5)).rejects.toThrow(
      'llm-sim: 1 connection(s) still open after 5 ms (the client kept its sockets)',
    );
    const waiting = simulator.waitForConnectionsClosed(10_000);
    await simulator.close();
    await expect(waiting).rejects.toThrow('llm-sim: the simulator closed');
    agent.destroy();
  });
});
