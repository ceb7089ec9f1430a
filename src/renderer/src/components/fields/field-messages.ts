import type { LangAttrs } from '../../composables/useFlowLanguage';

/** What FieldMessages shows under a label or legend; FieldShell and GroupShell take the same. */
export interface FieldMessageProps {
  helpId: string;
  /** Needed where an error can be shown. */
  errorId?: string;
  help?: string;
  note?: string;
  error?: string | null;
  /** The error's language when it is the flow's own text (else it is the kiosk's). */
  errorAttrs?: LangAttrs;
}
