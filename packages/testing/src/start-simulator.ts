import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_ANTHROPIC_MODELS, DEFAULT_OPENAI_MODELS } from './models/models';
import { resolveWireDir } from './replay/wire-dir';
import { ScriptQueue } from './script/script-queue';
import { ConnectionLog } from './server/connection-log';
import { RequestLog } from './server/request-log';
import { serveRequest } from './server/serve-request';
import type {
  RecordedRequest,
  ScriptStep,
  Simulator,
  StartSimulatorOptions,
} from './simulator-types';

const DEFAULT_CLIENT_CLOSE_TIMEOUT_MS = 2000;

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Start the loopback simulator on 127.0.0.1 (a random free port unless `port` is given). */
export async function startSimulator(options: StartSimulatorOptions = {}): Promise<Simulator> {
  const wireDir = resolveWireDir({ explicit: options.wireDir });
  const log = new RequestLog();
  const connections = new ConnectionLog();
  const queue = new ScriptQueue(wireDir);
  const closing = new AbortController();
  const models = {
    openai: options.models ?? DEFAULT_OPENAI_MODELS,
    anthropic: options.models ?? DEFAULT_ANTHROPIC_MODELS,
  };
  const context = {
    log,
    queue,
    closing: closing.signal,
    wireDir,
    models,
    apiKeys: options.apiKeys,
  };

  const server = createServer((request, response) => void serveRequest(request, response, context));
  // A connection accepted while closing would otherwise keep `server.close()` waiting.
  server.on('connection', (socket) => {
    if (closing.signal.aborted) socket.destroy();
    else connections.track(socket);
  });
  const port = await listen(server, options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;

  return {
    url,
    openaiBaseURL: `${url}/v1`,
    anthropicBaseURL: url,
    azureEndpoint: url,
    ...(wireDir === undefined ? {} : { wireDir }),
    requests: log.records,
    script: (...steps: ScriptStep[]) => queue.add(steps),
    pendingSteps: () => queue.pending(),
    connections: () => connections.stats(),
    reset: () => {
      log.reset();
      queue.clear();
      connections.reset();
    },
    waitForClientClose: (timeoutMs = DEFAULT_CLIENT_CLOSE_TIMEOUT_MS): Promise<RecordedRequest> =>
      log.waitForClientClose(timeoutMs),
    waitForConnectionsClosed: (timeoutMs = DEFAULT_CLIENT_CLOSE_TIMEOUT_MS): Promise<void> =>
      connections.waitForAllClosed(timeoutMs),
    close: () => {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        log.close();
        connections.close();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
