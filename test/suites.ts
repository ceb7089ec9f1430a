/**
 * Which vitest files belong to which suite. `npm run test:unit` is the fast loop: everything under
 * test/unit that runs in-process. The files below run whole programs (the project's CLIs as IT runs
 * them, through tsx, or the FGS validators on a JVM): they live beside the unit tests of what they
 * test, but run in `npm run test:integration`. `npm test` runs both (and test:reliability).
 */
export const INTEGRATION_TESTS = [
  // the command-line tools as whole processes
  'test/unit/**/*-cli.test.ts',
  'test/unit/simulators/cli.test.ts',
  // FGS packages through xmllint, xsltproc and Saxon (a JVM per Schematron run)
  'test/unit/core/cases/fgs/fgs-package.test.ts',
  'test/unit/core/cases/fgs/fgs-delivery.test.ts',
];
