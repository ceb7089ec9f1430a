import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { casesConfigSchema, resolveCasesConfig } from '../../../../src/core/cases/config';

describe('cases config', () => {
  it('an empty config gives a working kiosk: local outbox, key file, 30 days', () => {
    const resolved = resolveCasesConfig(casesConfigSchema.parse({}), '/var/lib/kiosk');
    expect(resolved.databaseFile).toBe(path.resolve('/var/lib/kiosk/cases.sqlite'));
    expect(resolved.keyFile).toBe(path.resolve('/var/lib/kiosk/cases.key'));
    expect(resolved.createKeyFile).toBe(true);
    expect(resolved.retentionDays).toBe(30);
    expect(resolved.delivery.defaultTarget).toBe('local');
    expect(resolved.delivery.targets.local).toEqual({
      type: 'directory',
      dir: path.resolve('/var/lib/kiosk/outbox'),
      createDir: true,
      format: 'envelope',
    });
    expect(resolved.backoff.capMs).toBeGreaterThan(resolved.backoff.baseMs);
  });

  it('is strict: a misspelt key is an error, not silently ignored', () => {
    const r = casesConfigSchema.safeParse({ retentionDay: 10 });
    expect(r.success).toBe(false);
    const t = casesConfigSchema.safeParse({
      delivery: { targets: { kommun: { type: 'https', url: 'https://x.example/cases', timeout: 5 } } },
    });
    expect(t.success).toBe(false);
  });

  it('takes the only configured target as default and requires defaultTarget among several', () => {
    const one = casesConfigSchema.parse({
      delivery: { targets: { kommun: { type: 'https', url: 'https://diarium.example/cases' } } },
    });
    expect(one.delivery.defaultTarget).toBe('kommun');
    const two = casesConfigSchema.safeParse({
      delivery: { targets: { a: { type: 'directory', dir: '/mnt/a' }, b: { type: 'directory', dir: '/mnt/b' } } },
    });
    expect(two.success).toBe(false);
    expect(JSON.stringify(two.error?.issues)).toMatch(/defaultTarget must name one of the targets \(a, b\)/);
    const bad = casesConfigSchema.safeParse({
      delivery: { targets: { a: { type: 'directory', dir: '/mnt/a' } }, defaultTarget: 'b' },
    });
    expect(bad.success).toBe(false);
  });

  it('refuses to send personal data in clear: http:// only to this machine, SMTP without TLS only locally', () => {
    expect(
      casesConfigSchema.safeParse({
        delivery: { targets: { k: { type: 'https', url: 'http://diarium.example/cases' } } },
      }).success,
    ).toBe(false);
    expect(
      casesConfigSchema.safeParse({
        delivery: { targets: { k: { type: 'https', url: 'http://127.0.0.1:8787/cases' } } },
      }).success,
    ).toBe(true);
    const smtp = {
      type: 'smtp',
      host: 'mail.kommun.example',
      from: 'kiosk@kommun.example',
      to: 'registrator@kommun.example',
    };
    expect(casesConfigSchema.parse({ delivery: { targets: { m: smtp } } }).delivery.targets.m).toMatchObject({
      requireTLS: true,
      port: 587,
    });
    expect(casesConfigSchema.safeParse({ delivery: { targets: { m: { ...smtp, requireTLS: false } } } }).success).toBe(
      false,
    );
  });

  it('resolves relative paths against the data folder; a configured folder is not created by default', () => {
    const c = casesConfigSchema.parse({
      keyFile: 'keys/cases.key',
      delivery: {
        targets: {
          share: { type: 'directory', dir: '/mnt/diarium/inkorg' },
          kommun: {
            type: 'https',
            url: 'https://diarium.example/cases',
            caFile: 'tls/ca.pem',
            clientPfxFile: 'tls/kiosk.p12',
            passphraseFile: 'tls/pass',
          },
        },
        defaultTarget: 'share',
      },
      backoff: { baseMs: 1000, capMs: 60000 },
    });
    const r = resolveCasesConfig(c, '/data');
    expect(r.keyFile).toBe(path.resolve('/data/keys/cases.key'));
    expect(r.delivery.targets.share).toEqual({
      type: 'directory',
      dir: path.resolve('/mnt/diarium/inkorg'),
      createDir: false,
      format: 'envelope',
    });
    expect(r.delivery.targets.kommun).toMatchObject({
      caFile: path.resolve('/data/tls/ca.pem'),
      clientPfxFile: path.resolve('/data/tls/kiosk.p12'),
    });
  });

  it('checks the back-off: cap at least base', () => {
    expect(casesConfigSchema.safeParse({ backoff: { baseMs: 10_000, capMs: 1000 } }).success).toBe(false);
  });
});
