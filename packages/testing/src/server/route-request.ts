// Routing: which protocol a request speaks and which dialect (error bodies, request-id headers,
// auth rules) its response follows, decided by method, path and headers.
import type { SimulatorProtocol } from '../simulator-types';

/** Whose error bodies, request-id headers and auth rules a response follows. */
export type WireDialect = 'openai' | 'azure' | 'anthropic';

export type RouteKind = 'chat' | 'messages' | 'embeddings' | 'models' | 'unknown';

export interface Route {
  readonly kind: RouteKind;
  readonly protocol: SimulatorProtocol;
  readonly dialect: WireDialect;
  /** Azure: the deployment named in the path. */
  readonly deployment?: string;
  /** `GET /v1/models/{id}`: the model asked for. */
  readonly modelId?: string;
}

const AZURE_DEPLOYMENT = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/;
const MODEL_BY_ID = /^\/v1\/models\/(.+)$/;

function fallbackRoute(path: string, headers: Readonly<Record<string, string>>): Route {
  if (headers['anthropic-version'] !== undefined)
    return { kind: 'unknown', protocol: 'anthropic', dialect: 'anthropic' };
  if (path.startsWith('/openai/')) return { kind: 'unknown', protocol: 'azure', dialect: 'azure' };
  return { kind: 'unknown', protocol: 'openai', dialect: 'openai' };
}

/** Which protocol a request speaks, decided by method, path and (for `/v1/models`) the `anthropic-version` header. */
export function routeRequest(
  method: string,
  rawPath: string,
  headers: Readonly<Record<string, string>>,
): Route {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, '') : rawPath;
  if (method === 'POST') {
    if (path === '/v1/chat/completions')
      return { kind: 'chat', protocol: 'openai', dialect: 'openai' };
    if (path === '/v1/messages')
      return { kind: 'messages', protocol: 'anthropic', dialect: 'anthropic' };
    if (path === '/v1/embeddings')
      return { kind: 'embeddings', protocol: 'embeddings', dialect: 'openai' };
    const azure = AZURE_DEPLOYMENT.exec(path);
    if (azure !== null) {
      const deployment = decodeURIComponent(azure[1] ?? '');
      if (azure[2] === 'embeddings')
        return { kind: 'embeddings', protocol: 'embeddings', dialect: 'azure', deployment };
      return { kind: 'chat', protocol: 'azure', dialect: 'azure', deployment };
    }
  }
  if (method === 'GET') {
    const dialect: WireDialect =
      headers['anthropic-version'] !== undefined ? 'anthropic' : 'openai';
    if (path === '/v1/models') return { kind: 'models', protocol: 'models', dialect };
    const byId = MODEL_BY_ID.exec(path);
    if (byId !== null)
      return {
        kind: 'models',
        protocol: 'models',
        dialect,
        modelId: decodeURIComponent(byId[1] ?? ''),
      };
    if (path === '/openai/models') return { kind: 'models', protocol: 'models', dialect: 'azure' };
  }
  return fallbackRoute(path, headers);
}
