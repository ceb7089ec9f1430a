/**
 * Which vitest files belong to which suite. `npm run test:unit` is the fast loop: everything under
 * test/unit that runs in-process against no server. The files below run whole programs (the project's
 * CLIs as IT runs them, through tsx, or the FGS validators on a JVM) or talk to real servers over the
 * network (the BankID, Freja and register simulators, SMTP, HTTPS, CUPS): they live beside the unit
 * tests of what they test, but run in `npm run test:integration`. `npm test` runs both (and
 * test:reliability).
 */
export const INTEGRATION_TESTS = [
  // the command-line tools as whole processes
  'test/unit/**/*-cli.test.ts',
  'test/unit/simulators/cli.test.ts',
  // tagged PDFs read back by poppler (pdfinfo -struct-text) and qpdf --json, after the blankett CLI
  'test/unit/core/documents/tagged-pdf-tools.test.ts',
  // espeak-ng and sox: the kiosk's voice rendered and measured
  'test/unit/core/speech/espeak.test.ts',
  // a real PulseAudio daemon read with pactl: the headset watcher
  'test/unit/core/speech/headset.test.ts',
  // FGS packages through xmllint, xsltproc and Saxon (a JVM per Schematron run)
  'test/unit/core/cases/fgs/fgs-package.test.ts',
  'test/unit/core/cases/fgs/fgs-delivery.test.ts',
  // against real servers: the e-ID and register simulators, SMTP, HTTPS receivers, CUPS
  'test/unit/core/session/renderer-sessions.test.ts',
  'test/unit/core/identity/freja/freja-client.test.ts',
  'test/unit/core/identity/eid-test.test.ts',
  'test/unit/core/identity/identity-service.test.ts',
  'test/unit/core/identity/client.test.ts',
  'test/unit/core/identity/order-runner.test.ts',
  'test/unit/core/identity/https-register.test.ts',
  'test/unit/core/cases/smtp-adapter.test.ts',
  'test/unit/core/cases/https-adapter.test.ts',
  'test/unit/core/cases/confirmation.test.ts',
  'test/unit/core/printing/cups-printer.test.ts',
  // scanimage with SANE's test backend
  'test/unit/core/attachments/attachment-service.test.ts',
  'test/unit/simulators/**/*.test.ts',
];
