/**
 * After every e2e test: each case its kiosk delivered — FGS packages (`uuid-*.zip`) and envelopes
 * (`envelope.json`) anywhere in the host's folder (outbox, receiver folders) — is validated: packages
 * by the full FGS validation (XSDs, E-ARK and ERMS Schematron, checksums, the envelope inside), every
 * envelope against the published JSON Schema with ajv in strict mode. A failure fails the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type TestInfo } from '@playwright/test';
import { strFromU8, unzipSync } from 'fflate';
import { validateEnvelopeJson } from '../../support/envelope-validation';
import { validateFgsPackage } from '../../support/fgs-validation';

function deliveredFiles(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name.startsWith('.')) continue; // temporary folders of an attempt in progress
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...deliveredFiles(full));
    else if (/^uuid-[0-9a-f-]{36}\.zip$/.test(e.name) || e.name === 'envelope.json') out.push(full);
  }
  return out;
}

export async function checkDeliveredCases(hostDir: string, testInfo: TestInfo): Promise<void> {
  const files = deliveredFiles(hostDir);
  if (files.length === 0) return;
  // the validation (xmllint, xsltproc, Saxon) is not part of the visitor's time: give it its own
  testInfo.setTimeout(testInfo.timeout + files.length * 60_000);
  const lines: string[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const rel = path.relative(hostDir, file);
    if (file.endsWith('.zip')) {
      const result = validateFgsPackage(readFileSync(file));
      lines.push(`${rel}:`, ...result.report.map((l) => `  ${l}`));
      problems.push(...result.problems.map((p) => `${rel}: ${p}`));
    } else {
      const errors = validateEnvelopeJson(JSON.parse(readFileSync(file, 'utf8')));
      lines.push(
        `${rel}: envelope against delivery-envelope.schema.json (ajv strict): ${errors.length ? 'INVALID' : 'valid'}`,
      );
      problems.push(...errors.map((e) => `${rel}: ${e}`));
    }
  }
  await testInfo.attach('delivered cases', { body: lines.join('\n'), contentType: 'text/plain' });
  expect(problems, `delivered cases must validate:\n${lines.join('\n')}`).toEqual([]);
}

/**
 * The envelope of the case with this reference, once the kiosk has delivered it into `<dataDir>/outbox`:
 * an FGS package (`uuid-<key>.zip`, the journeys' target, the envelope in its representation) or a
 * plain envelope folder (`<reference>/envelope.json`). Waits up to 30 s.
 */
export async function deliveredEnvelope<T extends { reference: string }>(
  dataDir: string,
  reference: string,
): Promise<T> {
  const outbox = path.join(dataDir, 'outbox');
  const find = (): T | null => {
    let names: string[];
    try {
      names = readdirSync(outbox);
    } catch {
      return null;
    }
    if (names.includes(reference)) {
      try {
        return JSON.parse(readFileSync(path.join(outbox, reference, 'envelope.json'), 'utf8')) as T;
      } catch {
        return null;
      }
    }
    // a package being written is a hidden temporary file (`.tmp-…zip`) until it is renamed into place
    for (const name of names.filter((n) => n.endsWith('.zip') && !n.startsWith('.'))) {
      const files = unzipSync(readFileSync(path.join(outbox, name)));
      const entry = Object.keys(files).find((f) => f.endsWith('/representations/rep1/data/envelope.json'));
      if (!entry) continue;
      const envelope = JSON.parse(strFromU8(files[entry] as Uint8Array)) as T;
      if (envelope.reference === reference) return envelope;
    }
    return null;
  };
  await expect.poll(find, { timeout: 30_000 }).not.toBeNull();
  return find() as T;
}
