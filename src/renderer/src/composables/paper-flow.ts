import type { FieldDefinition, FlowDefinition, PersonnummerField } from '../../../contract/flows';
import { paperEn } from '../i18n/paper.en';
import { paperSv } from '../i18n/paper.sv';

/**
 * The flow as the paper route shows it. There is no register on the paper route, so a child cannot be
 * picked from the visitor's children: each `childSelect` becomes a personnummer typed by hand (same id,
 * question and condition). Core validates paper answers without register context, where a childSelect
 * takes any valid personnummer — exactly what the personnummer field checks — so the answers fit the
 * original flow, which is what core prints. Everything else is unchanged.
 */
export function paperFlow(flow: FlowDefinition): FlowDefinition {
  if (!flow.steps.some((s) => s.fields.some((f) => f.type === 'childSelect'))) return flow;
  return {
    ...flow,
    steps: flow.steps.map((step) => ({ ...step, fields: step.fields.map(manualChild) })),
  };
}

function manualChild(field: FieldDefinition): FieldDefinition {
  if (field.type !== 'childSelect') return field;
  const manual: PersonnummerField = {
    type: 'personnummer',
    id: field.id,
    label: field.label,
    help: { sv: paperSv.paper.child.help, en: paperEn.paper.child.help },
    placeholder: { sv: paperSv.paper.child.placeholder, en: paperEn.paper.child.placeholder },
    required: field.required,
    editable: true,
    allowSamordningsnummer: true,
    ...(field.visibleIf ? { visibleIf: field.visibleIf } : {}),
  };
  return manual;
}
