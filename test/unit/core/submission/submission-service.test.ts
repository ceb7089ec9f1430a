/**
 * From answers to a stored case: core validates again, insists on a signature of exactly these
 * answers for signed flows, refuses the paper route, and answers only after the commit.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignSummary } from '../../../../src/contract/namespaces/identity';
import { createCaseService, type CaseService } from '../../../../src/core/cases/service';
import { loadFlows } from '../../../../src/core/flows/loader';
import type { IdentityService, SignResult, StartedOrder } from '../../../../src/core/identity/identity-service';
import type { RegisterPerson } from '../../../../src/core/identity/register/person-register';
import { createLogger } from '../../../../src/core/log/logger';
import { Visit } from '../../../../src/core/session/visit';
import { createSubmissionService } from '../../../../src/core/submission/submission-service';
import { samples } from '../../fixtures/shipped-flow-answers';
import { tempDir } from '../cases/case-fixtures';

const { logger, redactor } = createLogger({ level: 'silent' });
const { flows } = loadFlows({ logger });

const person: RegisterPerson = {
  personalNumber: '198112189876',
  givenName: 'Tolvan',
  surname: 'Tolvansson',
  name: 'Tolvan Tolvansson',
  address: { street: 'Storgatan 12', postalCode: '12345', city: 'Kommunby' },
  protection: 'none',
  children: [
    {
      personalNumber: '202309151237',
      givenName: 'Lisa',
      name: 'Lisa Tolvansson',
      birthDate: '2023-09-15',
      protected: false,
    },
    {
      personalNumber: '202101012383',
      givenName: 'Dold',
      name: 'Dold Tolvansson',
      birthDate: '2021-01-01',
      protected: true,
    },
  ],
};

const parking = samples.parkeringstillstand as Record<string, unknown>;
const fault = samples['felanmalan-gata-park'] as Record<string, unknown>;

/** BankID as the submission sees it: signs whatever hash it is given, as the signed-in person. */
function fakeIdentity(signedIn: RegisterPerson | null, signer = signedIn?.personalNumber ?? '') {
  const signed: Array<{ summary: SignSummary; hash: string }> = [];
  const service: Partial<IdentityService> = {
    getRegisterPerson: () => signedIn,
    signedInWith: () => (signedIn ? 'bankid' : null),
    startSignWithHash(summary: SignSummary, hash: string): StartedOrder<SignResult> {
      signed.push({ summary, hash });
      return {
        orderId: `order-${signed.length}`,
        outcome: Promise.resolve({
          status: 'complete',
          signature: {
            orderId: `order-${signed.length}`,
            method: 'bankid',
            signer: { personalNumber: signer, name: 'Tolvan Tolvansson', givenName: 'Tolvan', surname: 'Tolvansson' },
            documentHash: hash,
            signedText: 'text',
            completedAt: new Date().toISOString(),
            completionData: {
              user: { personalNumber: signer, name: 'Tolvan Tolvansson', givenName: 'Tolvan', surname: 'Tolvansson' },
              device: { ipAddress: '127.0.0.1' },
              bankIdIssueDate: '2024-01-01',
              signature: 'dGVzdA==',
              ocspResponse: 'dGVzdA==',
            },
          },
        } as SignResult),
      };
    },
  };
  return { service: service as IdentityService, signed };
}

let dir: ReturnType<typeof tempDir>;
let cases: CaseService;
let visit: Visit;

beforeEach(() => {
  dir = tempDir('kk-submission-');
  cases = createCaseService({ config: {}, dataDir: dir.dir, logger, emit: () => undefined, startWorker: false });
  visit = new Visit(logger, redactor);
});
afterEach(async () => {
  await cases.close();
  dir.remove();
});

const printed: Array<{ reference: string; status: string; language: string }> = [];

function service(identity: IdentityService) {
  return createSubmissionService({
    flows: () => flows,
    identity,
    queue: cases.queue,
    visit,
    kioskId: 'kiosk-test',
    logger,
    caseStatus: (ref) => cases.queue.status(ref),
    printReceipt: async (r) => void printed.push({ reference: r.reference, status: r.status, language: r.language }),
  }).handlers;
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('submission', () => {
  it('stores a case of a flow without identification and answers with a readable reference', async () => {
    const s = service(fakeIdentity(null).service);
    const receipt = await s['submission.submit']({ flowId: 'felanmalan-gata-park', answers: fault, language: 'sv' });
    expect(receipt.status).toBe('stored');
    expect(receipt.reference).toMatch(/^[0-9A-Z]{2}-[0-9A-Z]{4}-[0-9A-Z]$/);
    expect(cases.queue.status(receipt.reference)).toBe('stored');
    expect(cases.queue.stats().waiting).toBe(1);
  });

  it('re-validates: bad answers are refused with their issues and nothing is stored', async () => {
    const s = service(fakeIdentity(null).service);
    await expect(
      s['submission.submit']({
        flowId: 'felanmalan-gata-park',
        answers: { ...fault, feltyp: 'bogus' },
        language: 'sv',
      }),
    ).rejects.toMatchObject({
      code: 'invalid_input',
    });
    expect(cases.queue.stats().waiting).toBe(0);
  });

  it('a signed flow needs a signature of exactly these answers by the signed-in person', async () => {
    visit.signIn(person);
    const { service: identity, signed } = fakeIdentity(person);
    const s = service(identity);
    await expect(
      s['submission.submit']({ flowId: 'parkeringstillstand', answers: parking, language: 'sv' }),
    ).rejects.toMatchObject({ code: 'forbidden', extra: { reason: 'not_signed' } });

    await s['submission.startSign']({ flowId: 'parkeringstillstand', answers: parking, language: 'sv' });
    await tick();
    // what the phone shows is built by core from the answers, not by the renderer
    expect(signed[0]?.summary.service).toBe('Ansökan om parkeringstillstånd för rörelsehindrade');
    expect(signed[0]?.summary.items.some((i) => i.value.includes('rullator') || i.value.includes('Rullator'))).toBe(
      true,
    );

    // an answer changed after signing: sign again
    await expect(
      s['submission.submit']({
        flowId: 'parkeringstillstand',
        answers: { ...parking, gangstracka: '25-100' },
        language: 'sv',
      }),
    ).rejects.toMatchObject({ code: 'forbidden' });

    const receipt = await s['submission.submit']({ flowId: 'parkeringstillstand', answers: parking, language: 'sv' });
    expect(cases.queue.status(receipt.reference)).toBe('stored');
  });

  it('stores typed identification and signing, and a confirmation e-mail only for a signed-in visitor', async () => {
    visit.signIn(person);
    const { service: identity } = fakeIdentity(person);
    const s = service(identity);
    const answers = { ...parking, epost: 'tolvan@example.se' };
    await s['submission.startSign']({ flowId: 'parkeringstillstand', answers, language: 'en' });
    await tick();
    await s['submission.submit']({ flowId: 'parkeringstillstand', answers, language: 'en' });
    const claimed = cases.queue.claimNextDue(Date.now() + 1000);
    const payload = cases.queue.loadForDelivery(claimed!).payload;
    expect(payload.identification).toEqual({
      method: 'bankid',
      personalNumber: '198112189876',
      name: 'Tolvan Tolvansson',
      givenName: 'Tolvan',
      surname: 'Tolvansson',
    });
    expect(payload.signing).toMatchObject({ method: 'bankid', signature: 'dGVzdA==', ocspResponse: 'dGVzdA==' });
    expect(payload.confirmation).toEqual({ email: 'tolvan@example.se', language: 'en' });
    expect(payload.flowTitle.sv).toBe('Ansökan om parkeringstillstånd för rörelsehindrade');
    expect(payload.language).toBe('en');

    // a flow without identification: the e-mail answer is kept as an answer, but no confirmation is sent
    const anonymous = service(fakeIdentity(null).service);
    await visit.reset('finished');
    await anonymous['submission.submit']({ flowId: 'felanmalan-gata-park', answers: fault, language: 'sv' });
    const next = cases.queue.claimNextDue(Date.now() + 1000);
    expect(cases.queue.loadForDelivery(next!).payload.confirmation).toBeNull();
  });

  it('a signature by someone else than the signed-in person is refused', async () => {
    visit.signIn(person);
    const s = service(fakeIdentity(person, '199001012385').service);
    await s['submission.startSign']({ flowId: 'parkeringstillstand', answers: parking, language: 'sv' });
    await tick();
    await expect(
      s['submission.submit']({ flowId: 'parkeringstillstand', answers: parking, language: 'sv' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('flows that need login refuse a visitor who is not signed in', async () => {
    const s = service(fakeIdentity(null).service);
    await expect(
      s['submission.startSign']({ flowId: 'parkeringstillstand', answers: parking, language: 'sv' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('the paper route never reaches the queue', async () => {
    visit.state.paperRoute = { reason: 'protected_identity' };
    const s = service(fakeIdentity(null).service);
    await expect(
      s['submission.submit']({ flowId: 'felanmalan-gata-park', answers: fault, language: 'sv' }),
    ).rejects.toMatchObject({ code: 'forbidden', extra: { reason: 'paper_route' } });
    expect(cases.queue.stats().waiting).toBe(0);
  });

  it('prefill gives the register values and only the children that may be shown', async () => {
    visit.signIn(person);
    const s = service(fakeIdentity(person).service);
    const pre = await s['submission.prefill']({ flowId: 'forskoleplats' });
    expect(pre.children).toEqual([{ personnummer: '202309151237', name: 'Lisa Tolvansson' }]);
    expect(pre.hiddenChildren).toBe(1);
    const parkingPre = await s['submission.prefill']({ flowId: 'parkeringstillstand' });
    expect(parkingPre.answers).toMatchObject({ namn: 'Tolvan Tolvansson' });
  });

  it('a visit reset forgets signatures: the next visitor cannot submit with them', async () => {
    visit.signIn(person);
    const s = service(fakeIdentity(person).service);
    await s['submission.startSign']({ flowId: 'parkeringstillstand', answers: parking, language: 'sv' });
    await tick();
    await visit.reset('finished');
    visit.signIn(person);
    await expect(
      s['submission.submit']({ flowId: 'parkeringstillstand', answers: parking, language: 'sv' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it("prints the receipt of this visit's case only", async () => {
    const s = service(fakeIdentity(null).service);
    const receipt = await s['submission.submit']({ flowId: 'felanmalan-gata-park', answers: fault, language: 'sv' });
    await expect(
      s['submission.printReceipt']({ reference: receipt.reference.toLowerCase(), language: 'en' }),
    ).resolves.toEqual({ printed: true });
    expect(printed.at(-1)).toEqual({ reference: receipt.reference, status: 'stored', language: 'en' });
    await expect(s['submission.printReceipt']({ reference: 'K7-4F9Q-2', language: 'sv' })).rejects.toMatchObject({
      code: 'not_found',
    });
    await visit.reset('finished');
    await expect(s['submission.printReceipt']({ reference: receipt.reference, language: 'sv' })).rejects.toMatchObject({
      code: 'not_found',
    });
  });
});
