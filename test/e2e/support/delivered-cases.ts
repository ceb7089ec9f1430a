/**
 * After every e2e test: each case its kiosk delivered — FGS packages (`uuid-*.zip`) and envelopes
 * (`envelope.json`) anywhere in the host's folder (outbox, receiver folders) — is validated: packages
 * by the full FGS validation (XSDs, E-ARK and ERMS Schematron, checksums, the envelope inside), every
 * envelope against the published JSON Schema with ajv in strict mode. A failure fails the test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type TestInfo } from '@playwright/test';
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
