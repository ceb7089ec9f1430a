import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = path.resolve(__dirname, '../../..');
const eslint = new ESLint({ cwd: repo });

async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repo, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer rules of docs/architecture.md are enforced by lint', () => {
  it.each([
    ['src/renderer/src/probe.ts', "import { createKiosk } from '../../core/kiosk';\nexport const x = createKiosk;\n"],
    ['src/renderer/src/probe.ts', "import fs from 'node:fs';\nexport const x = fs;\n"],
    ['src/core/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/core/probe.ts', "import { startHost } from '../host/server';\nexport const x = startHost;\n"],
    ['src/core/probe.ts', "import { ref } from 'vue';\nexport const x = ref;\n"],
    ['src/contract/probe.ts', "import { Visit } from '../core/session/visit';\nexport const x = Visit;\n"],
    ['src/contract/probe.ts', "import path from 'node:path';\nexport const x = path;\n"],
    ['src/preload/probe.ts', "import { dispatch } from '../core/dispatch';\nexport const x = dispatch;\n"],
    ['src/host/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    // a production package has no simulators: main loads them at run time in a demo only
    [
      'src/main/probe.ts',
      "import { startEmbeddedForKiosk } from '../simulators/embedded';\nexport const x = startEmbeddedForKiosk;\n",
    ],
    ['src/simulators/probe.ts', "import { Visit } from '../core/session/visit';\nexport const x = Visit;\n"],
    ['src/serving/probe.ts', "import { createKiosk } from '../core/kiosk';\nexport const x = createKiosk;\n"],
    ['src/serving/probe.ts', "import { app } from 'electron';\nexport const x = app;\n"],
    ['src/serving/probe.ts', "import { startHost } from '../host/server';\nexport const x = startHost;\n"],
  ])('%s: forbidden import is an error', async (file, code) => {
    expect(await violations(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/renderer/src/probe.ts', "import { methods } from '../../contract';\nexport const x = methods;\n"],
    [
      'src/core/probe.ts',
      "import { methods } from '../contract';\nimport path from 'node:path';\nexport const x = [methods, path];\n",
    ],
    ['src/host/probe.ts', "import { createKiosk } from '../core/kiosk';\nexport const x = createKiosk;\n"],
    ['src/main/probe.ts', "import { answerStatic } from '../serving/static-files';\nexport const x = answerStatic;\n"],
    [
      'src/host/probe.ts',
      "import { securityHeaders } from '../serving/security-policy';\nexport const x = securityHeaders;\n",
    ],
    ['src/serving/probe.ts', "import path from 'node:path';\nexport const x = path;\n"],
  ])('%s: allowed import passes', async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });
});
