import { accessibilitySv } from './accessibility.sv';
import { paperSv } from './paper.sv';
import { staffSv } from './staff.sv';

/** Svenska: the visitor's first language. Tone: the municipality's own FAQ pages, plain and friendly. */
export const sv = {
  app: {
    title: 'Kommunens självbetjäning',
    skipToContent: 'Hoppa till innehållet',
    loading: 'Startar kiosken …',
    noBridge: 'Kiosken kunde inte starta. Vänd dig till receptionen.',
    connectionLost:
      'Kiosken tappade kontakten med sin tjänst. Försök igen om en stund eller vänd dig till receptionen.',
    reconnecting: 'Kiosken försöker få kontakt igen. Det du hade fyllt i är borttaget av säkerhetsskäl.',
    superseded: 'Kiosken används i ett annat fönster',
    supersededBody: 'Det här fönstret används inte längre. Det du hade fyllt i här är borttaget.',
    useHere: 'Använd kiosken i det här fönstret',
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
    intro:
      'Här kan du göra ärenden till kommunen med våra e-tjänster. Du fyller i uppgifterna på skärmen, legitimerar dig med Mobilt BankID om e-tjänsten kräver det och får ett kvitto när vi har tagit emot ditt ärende.',
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
    openFailed: 'E-tjänsten kunde inte öppnas just nu. Försök igen eller vänd dig till receptionen.',
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
    notice: {
      maintenance: 'Kiosken får underhåll just nu.',
      technical_problem: 'Kiosken har ett tekniskt fel.',
      printer_problem: 'Skrivaren i kiosken fungerar inte.',
      network_problem: 'Kiosken har ingen kontakt med kommunens system just nu.',
    },
  },
  errors: {
    generic: 'Något gick fel. Försök igen eller vänd dig till receptionen.',
    invalid_input: 'Uppgifterna kunde inte tas emot. Kontrollera det du har fyllt i.',
    unavailable: 'Tjänsten går inte att nå just nu. Försök igen om en stund eller vänd dig till receptionen.',
  },

  intro: {
    needs: 'Det här behöver du',
    identificationHeading: 'Legitimering',
    identification: {
      none: 'Du behöver inte legitimera dig för den här e-tjänsten.',
      login: 'Du loggar in med Mobilt BankID innan du börjar. Ditt namn och din adress hämtas då från folkbokföringen.',
      sign: 'Du loggar in med Mobilt BankID innan du börjar och skriver under ansökan med Mobilt BankID innan du skickar in den.',
    },
    gdprHeading: 'Så behandlar vi dina personuppgifter',
    gdpr: {
      purpose: 'Varför vi behöver uppgifterna',
      legalBasis: 'Rättslig grund',
      retention: 'Hur länge vi sparar uppgifterna',
      recipient: 'Vem som får uppgifterna',
      controller: 'Personuppgiftsansvarig',
    },
    begin: 'Börja',
  },
  bankid: {
    loginHeading: 'Logga in med Mobilt BankID',
    loginIntro:
      'Du loggar in så att vi vet att det är du som gör ärendet. Dina uppgifter hämtas från folkbokföringen, så du slipper skriva dem själv.',
    signHeading: 'Skriv under med Mobilt BankID',
    signIntro: 'Kontrollera det du skriver under. Samma sammanfattning visas i BankID-appen innan du skriver under.',
    instruction: 'Starta BankID-appen och tryck på QR-ikonen. Skanna sedan QR-koden.',
    qrLabel: 'QR-kod att skanna med BankID-appen',
    starting: 'Startar BankID …',
    cancel: 'Avbryt',
    retry: 'Försök igen',
    protectedIdentity: 'Jag har skyddad identitet',
    noBankId: 'Jag har inte BankID',
    unavailable: 'BankID kan inte användas i kiosken just nu. Försök igen om en stund eller vänd dig till receptionen.',
    paperRoute: 'BankID används inte under det här besöket. Vänd dig till receptionen så hjälper vi dig.',
    fetchingDetails: 'Hämtar dina uppgifter från folkbokföringen …',
    prefillFailed:
      'Dina uppgifter kunde inte hämtas från folkbokföringen just nu. Försök igen om en stund eller vänd dig till receptionen.',
    rfa: {
      rfa1: 'Starta BankID-appen.',
      rfa3: 'Åtgärden avbruten. Försök igen.',
      rfa4: 'En identifiering eller underskrift för det här personnumret är redan påbörjad. Försök igen.',
      rfa5: 'Något gick fel. Försök igen.',
      rfa6: 'Åtgärden avbröts.',
      rfa8: 'BankID-appen svarar inte. Kontrollera att den är startad och att du har internetanslutning. Om du inte har ett giltigt BankID kan du skaffa ett hos din bank. Försök sedan igen.',
      rfa9: 'Skriv in din säkerhetskod i BankID-appen och välj Identifiera eller Skriv under.',
      rfa16: 'Ditt BankID är för gammalt eller spärrat. Använd ett annat BankID eller skaffa ett nytt hos din bank.',
      rfa17b: 'Misslyckades att läsa av QR-koden. Starta BankID-appen och läs av QR-koden.',
      rfa21: 'En identifiering eller underskrift pågår.',
      rfa22: 'Något gick fel. Försök igen.',
      rfa23: 'Fotografera och läs av din ID-handling med BankID-appen.',
      searching: 'Söker efter BankID, det kan ta en liten stund …',
      userCallConfirm:
        'Bekräfta i BankID-appen om du har fått ett samtal om att legitimera dig. Lägg på om du inte väntade dig samtalet.',
      userDeclinedCall: 'Du har svarat att du inte väntade dig något samtal. Åtgärden avbröts av säkerhetsskäl.',
      notSupportedByUserApp: 'Uppdatera BankID-appen och försök igen.',
      transactionRiskBlocked:
        'BankID stoppade åtgärden av säkerhetsskäl. Vänd dig till receptionen om du behöver hjälp.',
      registerUnavailable:
        'Inloggningen lyckades, men dina uppgifter kunde inte hämtas från folkbokföringen. Försök igen om en stund.',
      complete: 'Klart!',
    },
  },
  identity: {
    signedInAs: 'Inloggad som {name}',
    logout: 'Logga ut',
  },
  steps: {
    progress: 'Steg {current} av {total}',
    requiredLegend: 'Fält markerade med * är obligatoriska',
    help: 'Frågor och svar',
    errorSummary: 'Rätta det här innan du går vidare',
    checkFailed: 'Dina svar kunde inte kontrolleras just nu. Försök igen om en stund eller vänd dig till receptionen.',
    saveChange: 'Spara ändringen',
  },
  fields: {
    yes: 'Ja',
    no: 'Nej',
    choose: 'Välj',
    locked: 'Hämtat från folkbokföringen och kan inte ändras här.',
    charactersLeft: '{count} tecken kvar',
    childrenProtected:
      'Barn med skyddade personuppgifter visas aldrig här. Gäller ansökan ett sådant barn, fråga personalen i receptionen – då gör du ansökan på en blankett.',
    noChildren: 'Vi hittade inga barn i folkbokföringen som du kan välja. Vänd dig till receptionen så hjälper vi dig.',
    stopHeading: 'Du kan inte gå vidare här',
    date: {
      placeholder: 'ÅÅÅÅ-MM-DD',
      format: 'Skriv år-månad-dag, till exempel {example}.',
      earlier: '− 1 dag',
      today: 'I dag',
      later: '+ 1 dag',
      previousMonth: 'Föregående månad',
      nextMonth: 'Nästa månad',
    },
    address: {
      street: 'Gatuadress',
      postalCode: 'Postnummer',
      city: 'Ort',
    },
  },
  issues: {
    required: 'Fyll i det här fältet.',
    requiredChoice: 'Välj ett av alternativen.',
    requiredCheckboxes: 'Kryssa i minst ett alternativ.',
    requiredChild: 'Välj vilket barn ansökan gäller.',
    requiredAddress: {
      street: 'Fyll i gatuadressen.',
      postalCode: 'Fyll i postnumret.',
      city: 'Fyll i orten.',
    },
    type: 'Svaret kunde inte läsas. Fyll i fältet igen.',
    stop: 'Du kan inte gå vidare med de här svaren.',
    consent: {
      required: 'Kryssa i rutan för att gå vidare.',
    },
    text: {
      tooShort: 'Skriv minst {min} tecken.',
      tooLong: 'Skriv högst {max} tecken. Korta ner texten.',
      pattern: 'Svaret har inte rätt form. Kontrollera det du har skrivit.',
    },
    number: {
      format: 'Skriv ett tal med siffror, till exempel 12 eller 12,5.',
      integer: 'Skriv ett heltal, utan decimaler.',
      tooSmall: 'Talet ska vara minst {min}.',
      tooLarge: 'Talet får vara högst {max}.',
    },
    date: {
      format: 'Skriv datumet som år-månad-dag, till exempel 2025-03-14.',
      invalid: 'Det datumet finns inte. Kontrollera dag och månad.',
      tooEarly: 'Välj ett datum från och med {min}.',
      tooLate: 'Välj ett datum till och med {max}.',
    },
    email: {
      format: "Skriv en hel e-postadress, till exempel namn{'@'}exempel.se.",
    },
    phone: {
      format: 'Skriv ett svenskt telefonnummer med riktnummer, till exempel 070-123 45 67.',
    },
    postalCode: {
      format: 'Postnumret ska ha fem siffror, till exempel 123 45.',
    },
    pnr: {
      format: 'Personnumret ska ha 10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN.',
      date: 'Födelsedatumet i personnumret finns inte. Kontrollera år, månad och dag.',
      checksum: 'Personnumret stämmer inte. Kontrollera siffrorna, särskilt de fyra sista.',
      samordningsnummer: 'Här kan du bara skriva ett personnummer, inte ett samordningsnummer.',
    },
    choice: {
      invalid: 'Välj ett av alternativen i listan.',
      tooFew: 'Välj minst {min} alternativ.',
      tooMany: 'Välj högst {max} alternativ.',
    },
    child: {
      unknown: 'Välj ett av barnen i listan.',
    },
    step: {
      unknown: 'Något gick fel i e-tjänsten. Börja om eller vänd dig till receptionen.',
    },
  },
  review: {
    heading: 'Kontrollera dina uppgifter',
    intro: 'Läs igenom dina svar till {service}. Tryck på Ändra om något behöver rättas.',
    notAnswered: 'Inte besvarad',
    change: 'Ändra',
    changeLabel: 'Ändra {label}',
    submit: 'Skicka in',
    toSign: 'Gå vidare till underskrift',
  },
  submit: {
    sending: 'Skickar ditt ärende …',
    storageFailed: 'Ditt ärende kunde inte sparas. Vänd dig till receptionen.',
    unavailable: 'Ärendet kunde inte skickas just nu. Försök igen om en stund.',
    failed: 'Något gick fel när ärendet skulle skickas. Försök igen eller vänd dig till receptionen.',
    retry: 'Försök igen',
  },
  receipt: {
    heading: 'Vi har nu mottagit ditt ärende!',
    reference: 'Ärendenummer',
    service: 'E-tjänst',
    time: 'Skickat',
    status: 'Status',
    statusText: {
      stored: 'Registrerat i kiosken och skickas till kommunen',
      delivered: 'Inkommet till kommunen',
      dead_letter: 'Kommunen kunde inte ta emot ärendet. Vänd dig till receptionen så hjälper vi dig.',
      unknown: 'Registrerat i kiosken',
    },
    keepReference: 'Skriv gärna upp ärendenumret eller ta en bild av det. Du behöver inte göra något mer.',
  },
  help: {
    heading: 'Frågor och svar',
    loadFailed: 'Frågor och svar kunde inte visas just nu. Försök igen eller fråga personalen i receptionen.',
    retry: 'Försök igen',
    onlyIn: {
      sv: 'Frågor och svar finns bara på svenska.',
      en: 'Frågor och svar finns bara på engelska.',
    },
    index: 'Frågorna',
    toIndex: 'Alla frågor',
  },
  layout: {
    content: 'Innehåll',
    moreBelow: 'Det finns mer nedanför',
  },
  ...accessibilitySv,
  ...staffSv,
  ...paperSv,
} as const;
