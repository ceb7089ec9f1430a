import { displayProblem, findElectronBinary } from './electron-binary';

/** Playwright globalSetup: says once, before the run, why the Electron tests will be skipped. */
export default function reportSkipReason(): void {
  const binary = findElectronBinary();
  const reason = binary.ok ? displayProblem() : binary.reason;
  if (reason) process.stdout.write(`Electron e2e tests skipped: ${reason}\n`);
}
