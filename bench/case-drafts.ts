/**
 * A case as a visitor's signed application leaves the kiosk (answers, BankID identification and
 * signature, a 30 kB PDF): the benches' queue load. Not a benchmark itself.
 */
import { randomBytes } from 'node:crypto';
import type { CaseDraft } from '../src/core/cases/case-draft';
import { answer } from '../test/unit/core/cases/case-fixtures';

export const pdf = randomBytes(30_000);
let n = 0;
export function draft(): CaseDraft {
  n += 1;
  return {
    flowId: 'bygglov',
    flowVersion: 3,
    flowTitle: { sv: 'Ansökan om bygglov', en: 'Building permit application' },
    classification: null,
    startedAt: null,
    submittedAt: new Date(),
    language: 'sv',
    kioskId: 'bench-kiosk',
    answers: [
      answer('namn', `Bench Person ${n}`),
      answer('beskrivning', 'Uterum med glastak '.repeat(20), 'textarea'),
      answer('antal', n, 'number'),
    ],
    identification: {
      method: 'bankid',
      personalNumber: '190000000000',
      name: 'Bench Person',
      givenName: 'Bench',
      surname: 'Person',
    },
    signing: {
      method: 'bankid',
      signedAt: new Date().toISOString(),
      documentHash: 'n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=',
      signedText: 'Ansökan om bygglov',
      signature: 'eA'.repeat(2000),
      ocspResponse: 'eQ'.repeat(1000),
    },
    assistedBy: null,
    documents: [{ name: 'arende.pdf', kind: 'case', mediaType: 'application/pdf', bytes: pdf }],
  };
}
