import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  contentSecurityPolicy,
  META_CONTENT_SECURITY_POLICY,
  POLICY_PLACEHOLDER,
  securityHeaders,
  withPolicyMeta,
} from '../../../src/serving/security-policy';

function directives(policy: string): Record<string, string> {
  return Object.fromEntries(
    policy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );
}

const indexHtml = readFileSync(path.resolve(__dirname, '../../../src/renderer/index.html'), 'utf8');

describe('the kiosk security policy', () => {
  it('allows only the app itself: nothing inline, eval, framed, posted or from elsewhere', () => {
    const policy = directives(contentSecurityPolicy());
    expect(policy['default-src']).toBe("'none'");
    for (const [name, value] of Object.entries(policy)) {
      const sources = value.split(' ');
      expect(sources.every((s) => s === "'self'" || s === "'none'" || (name === 'img-src' && s === 'data:'))).toBe(
        true,
      );
    }
    for (const name of ['script-src', 'style-src', 'connect-src']) expect(policy[name]).toBe("'self'");
    for (const name of ['base-uri', 'form-action', 'frame-ancestors']) expect(policy[name]).toBe("'none'");
  });

  it("adds the host's WebSocket to connect-src only", () => {
    const plain = directives(contentSecurityPolicy());
    const host = directives(contentSecurityPolicy(['ws://127.0.0.1:4567']));
    expect(host['connect-src']).toBe("'self' ws://127.0.0.1:4567");
    expect({ ...host, 'connect-src': "'self'" }).toEqual(plain);
  });

  it('the meta tag carries the same policy, less what a browser ignores in a meta tag', () => {
    const header = directives(contentSecurityPolicy());
    delete header['frame-ancestors'];
    expect(directives(META_CONTENT_SECURITY_POLICY)).toEqual(header);
  });

  it("fills in the renderer's index.html, which holds no policy of its own", () => {
    expect(indexHtml).toContain(`content="${POLICY_PLACEHOLDER}"`);
    expect(indexHtml).not.toContain('default-src');
    const built = withPolicyMeta(indexHtml);
    expect(built).toContain(`content="${META_CONTENT_SECURITY_POLICY}"`);
    expect(built).not.toContain(POLICY_PLACEHOLDER);
    expect(() => withPolicyMeta('<html><head></head></html>')).toThrow(POLICY_PLACEHOLDER);
  });

  it('sends the hardening headers with the policy', () => {
    const headers = securityHeaders('x');
    expect(headers).toEqual({
      'Content-Security-Policy': 'x',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
      'Cross-Origin-Opener-Policy': 'same-origin',
    });
    expect(Object.isFrozen(headers)).toBe(true);
  });
});
