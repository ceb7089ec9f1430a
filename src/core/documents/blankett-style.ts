/**
 * The blankett's look in one place: text styles, the sizes of boxes and gaps, the border every box
 * and tick box has, and the section heading (title, a rule under it, a gap) that steps, the signature
 * block and "where to hand it in" share.
 */
import { COLOURS, type PageLayout, type TextStyle } from './page-layout';

export const STYLE = {
  title: { size: 18, bold: true },
  subtitle: { size: 9, color: COLOURS.muted },
  heading: { size: 13, bold: true },
  subheading: { size: 10.5, bold: true },
  label: { size: 10, bold: true },
  body: { size: 10 },
  help: { size: 8.5, color: COLOURS.muted },
  condition: { size: 8.5, color: COLOURS.warning },
  option: { size: 9.5 },
} satisfies Record<string, TextStyle>;

/** Text size inside the form fields. */
export const FIELD_FONT_SIZE = 10;
export const BOX_HEIGHT = 20;
export const BOX_GAP = 3;
export const FIELD_GAP = 12;
export const TICK = 11;
export const OPTION_INDENT = TICK + 7;
/** A prefilled textarea taller than this is printed as text instead of a field. */
export const MAX_BOX_HEIGHT = 320;
/** Line height pdf-lib uses inside a multiline field, for DejaVu Sans at FIELD_FONT_SIZE. */
export const FIELD_LINE = FIELD_FONT_SIZE * 1.17;

/** The border of every box and tick box a visitor writes in or ticks. */
export const BOX_BORDER = { borderWidth: 0.8, borderColor: COLOURS.box };

/** A section's heading (H2): its (already wrapped) title, a rule under it, then `gapAfter` points. */
export function sectionHeading(layout: PageLayout, title: string[], gapAfter: number): void {
  layout.tag('H2', () => layout.drawLines(title, STYLE.heading));
  layout.y -= 2;
  layout.rule(COLOURS.rule, 0.8);
  layout.y -= gapAfter;
}
