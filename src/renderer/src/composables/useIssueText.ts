import { useI18n } from 'vue-i18n';
import { localise, type AnswerIssue, type FieldDefinition } from '../../../contract/flows';
import { useKioskStore } from '../stores/kiosk';
import { langAttrs, textLanguage, type LangAttrs } from './useFlowLanguage';

const CHOICE_TYPES = new Set(['radio', 'select', 'yesno']);

/**
 * The visitor's text for a validation issue: what is wrong and how to fix it, in their language.
 * Field-specific texts (a pattern's message, a stop field's text) come from the flow definition.
 */
export function useIssueText() {
  const { t } = useI18n();
  const kiosk = useKioskStore();

  function issueText(field: FieldDefinition, issue: Pick<AnswerIssue, 'code' | 'params'>, path = field.id): string {
    const lang = kiosk.language;
    const params = issue.params ?? {};
    switch (issue.code) {
      case 'required': {
        const part = path.split('.')[1];
        if (field.type === 'address' && (part === 'street' || part === 'postalCode' || part === 'city'))
          return t(`issues.requiredAddress.${part}`);
        if (CHOICE_TYPES.has(field.type)) return t('issues.requiredChoice');
        if (field.type === 'checkboxes') return t('issues.requiredCheckboxes');
        if (field.type === 'childSelect') return t('issues.requiredChild');
        if (field.type === 'attachment') return t('attachments.issues.required');
        return t('issues.required');
      }
      case 'text.pattern':
        return field.type === 'text' || field.type === 'textarea'
          ? localise(field.patternMessage, lang) || t('issues.text.pattern')
          : t('issues.text.pattern');
      case 'stop':
        return field.type === 'stop' ? localise(field.text, lang) : t('issues.stop');
      case 'type':
      case 'consent.required':
      case 'text.tooShort':
      case 'text.tooLong':
      case 'number.format':
      case 'number.integer':
      case 'number.tooSmall':
      case 'number.tooLarge':
      case 'date.format':
      case 'date.invalid':
      case 'date.tooEarly':
      case 'date.tooLate':
      case 'email.format':
      case 'phone.format':
      case 'postalCode.format':
      case 'pnr.format':
      case 'pnr.date':
      case 'pnr.checksum':
      case 'pnr.samordningsnummer':
      case 'choice.invalid':
      case 'choice.tooFew':
      case 'choice.tooMany':
      case 'child.unknown':
      case 'step.unknown':
        return t(`issues.${issue.code}`, params);
      case 'attachment.tooMany':
      case 'attachment.unknown':
      case 'attachment.tooFewPages':
      case 'attachment.tooManyPages':
        return t(`attachments.issues.${issue.code.slice('attachment.'.length)}`, params);
      default:
        return t('issues.type');
    }
  }

  /** The language marking of `issueText`: its own only where the text came from the flow definition. */
  function issueAttrs(field: FieldDefinition, issue: Pick<AnswerIssue, 'code' | 'params'>): LangAttrs {
    const lang = kiosk.language;
    if (
      issue.code === 'text.pattern' &&
      (field.type === 'text' || field.type === 'textarea') &&
      localise(field.patternMessage, lang)
    ) {
      return langAttrs(textLanguage(field.patternMessage, lang), lang);
    }
    if (issue.code === 'stop' && field.type === 'stop') return langAttrs(textLanguage(field.text, lang), lang);
    return {};
  }

  /** A label for the error summary: the field's question, or the part of an address. */
  function pathLabel(field: FieldDefinition, path: string): string {
    const lang = kiosk.language;
    const own = 'label' in field && field.label ? localise(field.label, lang) : '';
    const part = path.split('.')[1];
    if (field.type === 'address' && (part === 'street' || part === 'postalCode' || part === 'city'))
      return `${own} – ${t(`fields.address.${part}`)}`;
    return own;
  }

  return { issueText, issueAttrs, pathLabel };
}
