import {
  localise,
  type FieldDefinition,
  type FlowDefinition,
  type InfoField,
  type PersonnummerField,
} from '../../../contract/flows';
import { attachmentsAr } from '../i18n/attachments.ar';
import { attachmentsEn } from '../i18n/attachments.en';
import { attachmentsSv } from '../i18n/attachments.sv';
import { paperEn } from '../i18n/paper.en';
import { paperSv } from '../i18n/paper.sv';

/**
 * The flow as the paper route shows it. There is no register on the paper route, so a child cannot be
 * picked from the visitor's children: each `childSelect` becomes a personnummer typed by hand (same id,
 * question and condition). Core validates paper answers without register context, where a childSelect
 * takes any valid personnummer — exactly what the personnummer field checks — so the answers fit the
 * original flow, which is what core prints. Nothing is scanned on the paper route: an `attachment`
 * becomes a note to attach a copy to the printed blankett (the blankett says so too). Everything else
 * is unchanged.
 */
export function paperFlow(flow: FlowDefinition): FlowDefinition {
  if (!flow.steps.some((s) => s.fields.some((f) => f.type === 'childSelect' || f.type === 'attachment'))) return flow;
  return {
    ...flow,
    steps: flow.steps.map((step) => ({ ...step, fields: step.fields.map((f) => attachCopy(manualChild(f))) })),
  };
}

function attachCopy(field: FieldDefinition): FieldDefinition {
  if (field.type !== 'attachment') return field;
  const what = field.expected ?? field.label;
  const note = (text: string, lang: string) => text.replace('{name}', localise(what, lang));
  const info: InfoField = {
    type: 'info',
    id: field.id,
    label: field.label,
    text: {
      sv: note(attachmentsSv.attachments.paperNote, 'sv'),
      en: note(attachmentsEn.attachments.paperNote, 'en'),
      ar: note(attachmentsAr.attachments.paperNote, 'ar'),
    },
    variant: 'info',
    ...(field.visibleIf ? { visibleIf: field.visibleIf } : {}),
  };
  return info;
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
