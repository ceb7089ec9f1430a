/** A flow with every field type, for the contract's flow tests. */
import {
  flowDefinitionSchema,
  type FlowDefinition,
  type FlowDefinitionInput,
} from '../../../../src/contract/flows/definition';

export const t = (sv: string, en = sv) => ({ sv, en });

export const sampleFlowInput = {
  id: 'prov-flode',
  version: 3,
  title: t('Provflöde', 'Sample flow'),
  description: t('Ett flöde med alla fälttyper.', 'A flow with every field type.'),
  category: 'Test',
  identification: 'sign',
  steps: [
    {
      id: 'start',
      title: t('Start'),
      fields: [
        { id: 'boende', type: 'yesno', required: true, label: t('Bor du i kommunen?') },
        {
          id: 'ej-boende',
          type: 'stop',
          visibleIf: { field: 'boende', equals: 'no' },
          text: t('Bara för invånare.', 'Residents only.'),
        },
        {
          id: 'roll',
          type: 'radio',
          required: true,
          label: t('Roll'),
          options: [
            { value: 'forare', label: t('Förare', 'Driver') },
            { value: 'passagerare', label: t('Passagerare', 'Passenger') },
          ],
        },
        {
          id: 'korkort',
          type: 'text',
          required: true,
          label: t('Körkortsnummer'),
          visibleIf: { field: 'roll', equals: 'forare' },
          maxLength: 20,
        },
        { id: 'info', type: 'info', text: t('Läs detta.') },
      ],
    },
    {
      id: 'uppgifter',
      title: t('Uppgifter', 'Details'),
      fields: [
        { id: 'namn', type: 'text', required: true, label: t('Namn', 'Name'), prefill: 'person.name', editable: false },
        { id: 'pnr', type: 'personnummer', required: true, label: t('Personnummer') },
        { id: 'adress', type: 'address', required: true, label: t('Adress', 'Address'), prefill: 'person.address' },
        { id: 'postnr', type: 'postalCode', label: t('Postnummer') },
        { id: 'epost', type: 'email', label: t('E-post') },
        { id: 'telefon', type: 'phone', label: t('Telefon') },
        { id: 'antal', type: 'number', integer: true, min: 1, max: 10, label: t('Antal'), unit: t('st', 'pcs') },
        { id: 'belopp', type: 'number', label: t('Belopp') },
        { id: 'start', type: 'date', min: 'today', max: 'today+1y', label: t('Startdatum') },
        { id: 'beskrivning', type: 'textarea', minLength: 5, maxLength: 50, label: t('Beskrivning') },
        {
          id: 'regnr',
          type: 'text',
          pattern: '[A-Z]{3} ?[0-9]{2}[A-Z0-9]',
          patternMessage: t('Som ABC 123'),
          label: t('Regnr'),
        },
      ],
    },
    {
      id: 'val',
      title: t('Val'),
      visibleIf: { field: 'roll', equals: 'passagerare' },
      fields: [
        {
          id: 'dagar',
          type: 'checkboxes',
          label: t('Dagar', 'Days'),
          minSelected: 2,
          maxSelected: 3,
          options: [
            { value: 'man', label: t('Måndag', 'Monday') },
            { value: 'tis', label: t('Tisdag', 'Tuesday') },
            { value: 'ons', label: t('Onsdag', 'Wednesday') },
            { value: 'tor', label: t('Torsdag', 'Thursday') },
          ],
        },
        {
          id: 'onsdagsfraga',
          type: 'text',
          label: t('Varför onsdag?'),
          visibleIf: { field: 'dagar', includes: 'ons' },
        },
        {
          id: 'enhet',
          type: 'select',
          required: true,
          label: t('Enhet'),
          options: [
            { value: 'a', label: t('Enhet A', 'Unit A') },
            { value: 'b', label: t('Enhet B', 'Unit B') },
          ],
        },
        { id: 'barn', type: 'childSelect', required: true, label: t('Barn', 'Child') },
      ],
    },
    {
      id: 'slut',
      title: t('Slut'),
      fields: [{ id: 'samtycke', type: 'consent', label: t('Jag intygar', 'I confirm') }],
    },
  ],
  paper: { handIn: t('Receptionen', 'The reception') },
} satisfies FlowDefinitionInput;

export function sampleFlow(): FlowDefinition {
  return flowDefinitionSchema.parse(structuredClone(sampleFlowInput));
}

/** Today for every test: a Sunday in June 2025. */
export const TODAY = '2025-06-15';

export const CHILDREN = [
  { personnummer: '201212121212', name: 'Kalle Test' },
  { personnummer: '20230915-1237', name: 'Lisa Test' },
];

/** A complete, valid answer set for the passenger path. */
export function passengerAnswers(): Record<string, unknown> {
  return {
    boende: 'yes',
    roll: 'passagerare',
    namn: 'Tolvan Tolvansson',
    pnr: '121212-1212',
    adress: { street: 'Storgatan 1', postalCode: '12345', city: 'Kommunby' },
    dagar: ['tis', 'man'],
    enhet: 'b',
    barn: '201212121212',
    samtycke: true,
  };
}
