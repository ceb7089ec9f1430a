/** The flow engine's shared half: definitions, validation and review, used by core and the renderer alike. */
export * from './definition';
export * from './definition-checks';
export * from './conditions';
export * from './dates';
export * from './personnummer';
export * from './postal-code';
export * from './email-address';
export * from './phone-number';
export * from './issues';
export * from './validation-context';
export * from './field-validation';
export * from './answers-schema';
export * from './review';
export * from './prefill';
export * from './localise';
export * from './attachment-limits';
export * from './attachment-answer';
