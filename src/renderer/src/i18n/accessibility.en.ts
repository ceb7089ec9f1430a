import type { MessageSchema } from './message-schema';

/** English: the display controls, the on-screen keyboard, flow language, extra time, the statement. */
export const accessibilityEn: Pick<MessageSchema, 'a11y'> = {
  a11y: {
    display: {
      label: 'Display',
      textSize: 'Text size',
      textSizeOption: '{size} %',
      highContrast: 'High contrast',
      contrast: 'Contrast',
      done: 'Done',
    },
    keyboard: {
      label: 'On-screen keyboard',
      hide: 'Hide the keyboard',
      show: 'Show the keyboard',
      shift: 'Shift',
      backspace: 'Delete',
      space: 'Space',
      newline: 'New line',
      symbols: 'Numbers and symbols',
      letters: 'Letters',
    },
    flowLanguage: {
      sv: 'This e-service is only available in Swedish.',
      en: 'This e-service is only available in English.',
    },
    timing: {
      moreSeconds: 'I need more time ({seconds} seconds)',
    },
    statement: {
      link: 'Accessibility statement',
      heading: 'Accessibility statement',
      onlyIn: {
        sv: 'The statement is only available in Swedish.',
        en: 'The statement is only available in English.',
      },
      reportHeading: 'Report problems',
      reportIntro: 'If you find problems that are not described here, or need the content in another way, contact us:',
      email: 'E-mail: {email}',
      phone: 'Phone: {phone}',
      reportReception: 'You can also tell the staff at the reception.',
      supervisionHeading: 'Supervision',
      supervision:
        'The Agency for Digital Government (DIGG) supervises the Swedish act on accessibility of digital public services. If you are not satisfied with how we handle your comments, you can report it to DIGG on the website digg.se/tdosanmalan.',
      reviewed: 'The statement was last reviewed on {date}.',
    },
  },
};
