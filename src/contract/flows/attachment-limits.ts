/**
 * Limits of the attachment field type that hold whatever a flow or the configuration says: the
 * delivery carries at most 20 documents per case (the case PDF and 19 attachments).
 */

/** The most pages one attachment may have. */
export const ATTACHMENT_MAX_PAGES = 50;
/** The most attachments one attachment field may take. */
export const ATTACHMENT_MAX_PER_FIELD = 5;
/** The most attachments of one case. */
export const ATTACHMENT_MAX_PER_CASE = 19;
/** An attachment id as core makes it: `<fieldId>-<n>` (n counts up within the visit). */
export const ATTACHMENT_ID_PATTERN = /^[a-z][a-zA-Z0-9_-]{0,63}-[1-9]\d{0,3}$/;
