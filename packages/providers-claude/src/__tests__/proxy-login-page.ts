// Test support: an HTML page where the Messages API's JSON or SSE belongs.
import type { IncomingMessage } from 'node:http';

/** A proxy's sign-in page of about 20 KB that echoes the request's headers back, key included. */
export function proxyLoginPage(request: IncomingMessage): string {
  const echoed = Object.entries(request.headers)
    .map(([name, value]) => `<li>${name}: ${String(value)}</li>`)
    .join('\n');
  return [
    '<!DOCTYPE html>',
    '<html><head><title>Sign in to Corporate Proxy</title>',
    '<style>body { font-family: sans-serif; }</style>',
    '<script>window.loginConfig = { realm: "corp" };</script></head>',
    '<body><h1>Sign in to continue</h1>',
    '<p>Your request was intercepted by the corporate proxy.</p>',
    `<ul>${echoed}</ul>`,
    `<div hidden>${'padding '.repeat(2500)}</div>`,
    '</body></html>',
  ].join('\n');
}
