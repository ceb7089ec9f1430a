/**
 * reliability.faults_survived: the storage fault matrix (test/reliability/fault-matrix.ts) against the
 * built kiosk (`npm run build` first), as survived / total. A fault counts as survived when the kiosk
 * process lived through it, showed the expected state, told staff why, and after repair no receipted
 * case was lost or delivered twice. The mounted faults (read-only and full disks) need root; where they
 * cannot run they are left out of the total and named in `skipped`.
 */
import { formatTable, runScenario, scenarios, type MatrixRow } from '../test/reliability/fault-matrix';
import { hostBuilt } from '../test/reliability/kiosk-process';
import type { Figure } from './run';
import { round } from './statistics';

function survived(r: MatrixRow): boolean {
  return r.survived && r.state && r.staff && r.lost === 0 && r.duplicates === 0 && r.notes.length === 0;
}

export async function run(): Promise<Figure[]> {
  if (!hostBuilt()) throw new Error('the host is not built: run npm run build first');
  const rows: MatrixRow[] = [];
  for (const scenario of scenarios) rows.push(await runScenario(scenario));
  process.stderr.write(`${formatTable(rows)}\n`);
  const ran = rows.filter((r) => !r.skipped);
  const ok = ran.filter(survived);
  return [
    {
      bench: 'reliability.faults_survived',
      value: ran.length > 0 ? round(ok.length / ran.length, 3) : 0,
      unit: 'ratio',
      target: 1,
      survived: ok.length,
      total: ran.length,
      receipted: ran.reduce((n, r) => n + r.receipted, 0),
      lost: ran.reduce((n, r) => n + r.lost, 0),
      failed: ran.filter((r) => !survived(r)).map((r) => r.fault),
      skipped: rows.filter((r) => r.skipped).map((r) => `${r.fault}: ${r.skipped}`),
    },
  ];
}
