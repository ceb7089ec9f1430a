/** A small HTTPS/HTTP JSON client for tests: custom CA, optional client certificate, raw headers. */
import http from 'node:http';
import https from 'node:https';

export interface JsonResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  json: unknown;
  text: string;
}

export function request(
  url: string,
  options: {
    method?: string;
    body?: string | Buffer;
    headers?: Record<string, string>;
    ca?: string;
    pfx?: Buffer;
    passphrase?: string;
  } = {},
): Promise<JsonResponse> {
  const u = new URL(url);
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      u,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        ...(u.protocol === 'https:'
          ? { ca: options.ca, pfx: options.pfx, passphrase: options.passphrase, agent: false }
          : { agent: false }),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            // not JSON: the test reads `text`
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, json, text });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export function postJson(
  url: string,
  body: unknown,
  options: { ca?: string; pfx?: Buffer; passphrase?: string; contentType?: string } = {},
): Promise<JsonResponse> {
  return request(url, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'Content-Type': options.contentType ?? 'application/json' },
    ca: options.ca,
    pfx: options.pfx,
    passphrase: options.passphrase,
  });
}
