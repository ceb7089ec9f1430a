/**
 * The fault matrix (fault-matrix.ts) against the built kiosk: each storage fault done for real, and
 * for each the kiosk lives, shows the expected state, tells staff why, and after repair every receipted
 * case reaches the receiver exactly once or is listed by reference. Prints the table at the end.
 * The mounted file systems need root (CI has it); without, those rows are skipped with the reason.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { formatTable, runScenario, scenarios, type MatrixRow } from './fault-matrix';
import { mountSupport } from './file-systems';
import { hostBuilt } from './kiosk-process';

const rows: MatrixRow[] = [];
const noMount = mountSupport();

afterAll(() => {
  if (rows.length > 0) process.stdout.write(`\nStorage fault matrix\n${formatTable(rows)}\n\n`);
});

describe.skipIf(!hostBuilt())('storage faults against a running kiosk (needs npm run build)', () => {
  for (const scenario of scenarios) {
    it.skipIf(Boolean(scenario.needsMount && noMount))(
      `${scenario.fault}${scenario.needsMount && noMount ? ` (skipped: ${noMount})` : ''}`,
      async () => {
        const row = await runScenario(scenario, (line) => process.stdout.write(`${line}\n`));
        rows.push(row);
        expect(row.notes, row.notes.join('\n')).toEqual([]);
        expect(row).toMatchObject({ survived: true, state: true, staff: true, lost: 0, duplicates: 0 });
        expect(row.receipted).toBeGreaterThan(0);
        expect(row.delivered + row.listed).toBe(row.receipted);
      },
      180_000,
    );
  }
});
