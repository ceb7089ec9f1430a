/**
 * Svenska: the display controls (text size, contrast), the on-screen keyboard, the notice about a
 * flow's language, extra time and the accessibility statement. Spread into sv.ts.
 */
export const accessibilitySv = {
  a11y: {
    display: {
      label: 'Visning',
      textSize: 'Textstorlek',
      textSizeOption: '{size} %',
      highContrast: 'Hög kontrast',
      contrast: 'Kontrast',
      done: 'Klar',
    },
    keyboard: {
      label: 'Skärmtangentbord',
      hide: 'Dölj tangentbordet',
      show: 'Visa tangentbordet',
      shift: 'Skift',
      backspace: 'Radera',
      space: 'Mellanslag',
      newline: 'Ny rad',
      symbols: 'Siffror och tecken',
      letters: 'Bokstäver',
    },
    flowLanguage: {
      sv: 'Den här e-tjänsten finns bara på svenska.',
      en: 'Den här e-tjänsten finns bara på engelska.',
    },
    timing: {
      moreSeconds: 'Jag behöver mer tid ({seconds} sekunder)',
    },
    statement: {
      link: 'Tillgänglighetsredogörelse',
      heading: 'Tillgänglighetsredogörelse',
      onlyIn: {
        sv: 'Redogörelsen finns bara på svenska.',
        en: 'Redogörelsen finns bara på engelska.',
      },
      reportHeading: 'Rapportera brister',
      reportIntro:
        'Om du upptäcker problem som inte beskrivs här, eller behöver innehållet på ett annat sätt, kontakta oss:',
      email: 'E-post: {email}',
      phone: 'Telefon: {phone}',
      reportReception: 'Du kan också berätta för personalen i receptionen.',
      supervisionHeading: 'Tillsyn',
      supervision:
        'Myndigheten för digital förvaltning (DIGG) har tillsyn över lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du anmäla det till DIGG på webbplatsen digg.se/tdosanmalan.',
      reviewed: 'Redogörelsen granskades senast {date}.',
    },
  },
} as const;
