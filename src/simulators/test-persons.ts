/**
 * The simulated population shared by the BankID simulator and the register simulator, so a BankID
 * login of person X finds X in the register. Fictional people with Luhn-valid personnummer in the
 * style of Skatteverket's test series; never real people. Documented in docs/bankid.md.
 */

/** What the visitor does on the phone after scanning. */
export const phoneScenarios = ['success', 'userCancel', 'expiredTransaction', 'startFailed', 'certificateErr'] as const;
export type PhoneScenario = (typeof phoneScenarios)[number];

export interface TestChild {
  personalNumber: string;
  givenName: string;
  surname: string;
  name: string;
  birthDate: string;
  /** The child has protected personal data. */
  protected: boolean;
}

export interface TestPerson {
  /** 12 digits, Luhn-valid. */
  personalNumber: string;
  givenName: string;
  surname: string;
  name: string;
  address: { street: string; postalCode: string; city: string } | null;
  protection: 'none' | 'sekretessmarkering' | 'skyddad_folkbokforing';
  children: TestChild[];
  /** false: has BankID but the register does not know them (lookup → not found). */
  inRegister: boolean;
  /** YYYY-MM-DD, reported in completionData. */
  bankIdIssueDate: string;
  /** What this person's phone does unless the scan or the run says otherwise. */
  scenario?: PhoneScenario;
  /** For the simulator page and the docs. */
  description: string;
}

export const testPersons: readonly TestPerson[] = [
  {
    personalNumber: '199001012385',
    givenName: 'Anna',
    surname: 'Andersson',
    name: 'Anna Andersson',
    address: { street: 'Provgatan 1', postalCode: '123 45', city: 'Exempelstad' },
    protection: 'none',
    children: [],
    inRegister: true,
    bankIdIssueDate: '2023-03-14',
    description: 'Ordinary adult (default person)',
  },
  {
    personalNumber: '198504129803',
    givenName: 'Erik',
    surname: 'Eriksson',
    name: 'Erik Eriksson',
    address: { street: 'Testvägen 2', postalCode: '123 46', city: 'Exempelstad' },
    protection: 'none',
    children: [
      {
        personalNumber: '201506079811',
        givenName: 'Lisa',
        surname: 'Eriksson',
        name: 'Lisa Eriksson',
        birthDate: '2015-06-07',
        protected: false,
      },
      {
        personalNumber: '201809239823',
        givenName: 'Olle',
        surname: 'Eriksson',
        name: 'Olle Eriksson',
        birthDate: '2018-09-23',
        protected: true,
      },
    ],
    inRegister: true,
    bankIdIssueDate: '2022-11-02',
    description: 'Adult with two children, one of them with protected personal data',
  },
  {
    personalNumber: '198703211006',
    givenName: 'Maria',
    surname: 'Lind',
    name: 'Maria Lind',
    address: { street: 'Testvägen 7', postalCode: '123 46', city: 'Exempelstad' },
    protection: 'none',
    children: [
      {
        personalNumber: '201608122303',
        givenName: 'Elsa',
        surname: 'Lind',
        name: 'Elsa Lind',
        birthDate: '2016-08-12',
        protected: false,
      },
    ],
    inRegister: true,
    bankIdIssueDate: '2023-06-01',
    description: 'Adult with one child, no child with protected personal data',
  },
  {
    personalNumber: '197708159897',
    givenName: 'Sara',
    surname: 'Svensson',
    name: 'Sara Svensson',
    address: null,
    protection: 'skyddad_folkbokforing',
    children: [],
    inRegister: true,
    bankIdIssueDate: '2021-05-20',
    description: 'Skyddad folkbokföring (no address in the register)',
  },
  {
    personalNumber: '198802299845',
    givenName: 'Karl',
    surname: 'Karlsson',
    name: 'Karl Karlsson',
    address: { street: 'Lönngränd 3', postalCode: '123 47', city: 'Exempelstad' },
    protection: 'sekretessmarkering',
    children: [],
    inRegister: true,
    bankIdIssueDate: '2024-01-09',
    description: 'Sekretessmarkering',
  },
  {
    personalNumber: '199203179867',
    givenName: 'Nils',
    surname: 'Nilsson',
    name: 'Nils Nilsson',
    address: null,
    protection: 'none',
    children: [],
    inRegister: false,
    bankIdIssueDate: '2020-08-30',
    description: 'Has BankID but is not found in the register',
  },
  {
    personalNumber: '196907049917',
    givenName: 'Gustav',
    surname: 'Gustavsson',
    name: 'Gustav Gustavsson',
    address: { street: 'Provgatan 9', postalCode: '123 45', city: 'Exempelstad' },
    protection: 'none',
    children: [],
    inRegister: true,
    bankIdIssueDate: '2012-02-01',
    scenario: 'certificateErr',
    description: 'BankID blocked or too old (certificateErr)',
  },
  {
    personalNumber: '199511119852',
    givenName: 'Ulla',
    surname: 'Persson',
    name: 'Ulla Persson',
    address: { street: 'Testvägen 14', postalCode: '123 46', city: 'Exempelstad' },
    protection: 'none',
    children: [],
    inRegister: true,
    bankIdIssueDate: '2023-09-17',
    scenario: 'userCancel',
    description: 'Cancels in the BankID app (userCancel)',
  },
];

export const defaultTestPerson: TestPerson = testPersons[0] as TestPerson;

export function findTestPerson(personalNumber: string): TestPerson | undefined {
  return testPersons.find((p) => p.personalNumber === personalNumber);
}

/** Luhn check over the last ten digits (YYMMDDNNNC) of a 12-digit personnummer. */
export function isValidPersonalNumber(pnr: string): boolean {
  if (!/^\d{12}$/.test(pnr)) return false;
  const year = Number(pnr.slice(0, 4));
  const month = Number(pnr.slice(4, 6));
  let day = Number(pnr.slice(6, 8));
  if (day > 60) day -= 60; // samordningsnummer
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  const digits = pnr.slice(2);
  let sum = 0;
  for (let i = 0; i < 9; i += 1) {
    const d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += d > 9 ? d - 9 : d;
  }
  return (10 - (sum % 10)) % 10 === Number(digits[9]);
}
