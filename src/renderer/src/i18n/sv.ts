/** Svenska: the visitor's first language. Tone: the municipality's own FAQ pages, plain and friendly. */
export const sv = {
  app: {
    title: 'Kommunens självbetjäning',
    skipToContent: 'Hoppa till innehållet',
    loading: 'Startar kiosken …',
    noBridge: 'Kiosken kunde inte starta. Vänd dig till receptionen.',
    connectionLost: 'Kiosken tappade kontakten med sin tjänst. Försök igen om en stund eller vänd dig till receptionen.',
  },
  language: {
    label: 'Språk',
    choose: 'Välj språk',
    sv: 'Svenska',
    en: 'English',
    ar: 'العربية',
  },
  start: {
    heading: 'Välkommen till {municipality}',
    intro: 'Här kan du göra ärenden till kommunen med våra e-tjänster. Du fyller i uppgifterna på skärmen, legitimerar dig med Mobilt BankID om e-tjänsten kräver det och får ett kvitto när vi har tagit emot ditt ärende.',
    begin: 'Börja',
    help: 'Frågor och svar',
    contact: 'Behöver du hjälp? Fråga i receptionen eller ring kommunens kontaktcenter på {phone}.',
    contactNoPhone: 'Behöver du hjälp? Fråga i receptionen.',
  },
  catalogue: {
    heading: 'Välj e-tjänst',
    intro: 'Tryck på den e-tjänst du vill använda.',
    empty: 'Det finns inga e-tjänster i den här kiosken just nu. Vänd dig till receptionen.',
    loadFailed: 'E-tjänsterna kunde inte visas just nu. Försök igen eller vänd dig till receptionen.',
    retry: 'Försök igen',
    identification: {
      none: 'Ingen legitimering behövs',
      login: 'Du loggar in med Mobilt BankID',
      sign: 'Du skriver under med Mobilt BankID',
    },
  },
  nav: {
    back: 'Tillbaka',
    next: 'Nästa',
    home: 'Till startsidan',
    finish: 'Avsluta',
  },
  inactivity: {
    heading: 'Är du kvar?',
    body: 'Du har inte rört skärmen på en stund. Om du inte svarar avslutas besöket om {seconds} sekunder och allt du har fyllt i raderas.',
    stay: 'Jag är kvar',
    more: 'Jag behöver mer tid ({minutes} min)',
    announce: 'Besöket avslutas om {seconds} sekunder.',
  },
  outOfOrder: {
    heading: 'Ur funktion',
    body: 'Kiosken fungerar inte just nu. Vänd dig till receptionen så hjälper vi dig.',
    staffDetails: 'För personal och IT',
  },
  errors: {
    generic: 'Något gick fel. Försök igen eller vänd dig till receptionen.',
    invalid_input: 'Uppgifterna kunde inte tas emot. Kontrollera det du har fyllt i.',
    unavailable: 'Tjänsten går inte att nå just nu. Försök igen om en stund eller vänd dig till receptionen.',
  },
} as const;
