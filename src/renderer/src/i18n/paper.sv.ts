/** Svenska: the paper route (blankett), for visitors with protected identity or without a usable BankID. */
export const paperSv = {
  paper: {
    protectedIdentity: 'Jag har skyddad identitet',
    howItWorks:
      'Du fyller i e-tjänsten som vanligt. I slutet skrivs en blankett ut som du skriver under för hand och lämnar i receptionen. Inget av det du fyller i sparas i kiosken.',
    entry: {
      protected_identity: {
        heading: 'Skyddad identitet',
        body: 'Du loggar inte in med BankID. Du gör ärendet på en blankett i stället.',
      },
      register_protected: {
        heading: 'Du gör ärendet på en blankett',
        body: 'Enligt folkbokföringen har du skyddade personuppgifter. Därför fortsätter du utan BankID, och ärendet skrivs ut på en blankett.',
      },
      no_bankid: {
        heading: 'Utan BankID',
        body: 'Du kan göra ärendet utan BankID. Det skrivs då ut på en blankett.',
      },
      bankid_unavailable: {
        heading: 'BankID fungerar inte just nu',
        body: 'Det går inte att använda BankID i kiosken just nu. Du kan göra ärendet ändå – det skrivs då ut på en blankett.',
      },
    },
    continue: 'Fortsätt',
    cancel: 'Avbryt',
    starting: 'Förbereder blanketten …',
    startFailed:
      'Det går inte att göra ärendet på blankett i kiosken just nu. Försök igen eller vänd dig till receptionen.',
    retry: 'Försök igen',
    printerDownEarly:
      'Skrivaren fungerar inte just nu – vänd dig till receptionen. Du kan fylla i e-tjänsten under tiden.',
    banner: {
      text: 'Du gör ärendet på en blankett. Inget sparas i kiosken.',
      finish: 'Avsluta',
    },
    catalogueIdentification: 'Skrivs ut på en blankett',
    introIdentification:
      'Du loggar inte in. När du har fyllt i e-tjänsten skrivs den ut på en blankett som du skriver under för hand.',
    child: {
      help: 'Skriv barnets personnummer med 12 siffror, till exempel 20150607-1234.',
      placeholder: 'ÅÅÅÅMMDD-NNNN',
    },
    review: {
      print: 'Skriv ut blanketten',
    },
    print: {
      heading: 'Skriv ut blanketten',
      checking: 'Kontrollerar skrivaren …',
      printing: 'Skriver ut blanketten …',
      printerDown: 'Skrivaren fungerar inte just nu – vänd dig till receptionen.',
      failed: 'Blanketten kunde inte skrivas ut just nu. Försök igen eller vänd dig till receptionen.',
      kept: 'Det du har fyllt i finns kvar så länge besöket pågår. Tryck på Försök igen när skrivaren fungerar.',
      retry: 'Försök igen',
      askHelp: 'Be om hjälp',
      helpHeading: 'Be om hjälp',
      helpBody:
        'Gå till receptionen och berätta att blanketten inte kunde skrivas ut. Personalen kan hjälpa dig att skriva ut den eller ge dig en tom blankett att fylla i för hand.',
      helpPhone: 'Du kan också ringa kommunens kontaktcenter på {phone}.',
      backToReview: 'Tillbaka till dina svar',
    },
    done: {
      heading: 'Blanketten skrivs ut',
      body: 'Skriv under den och lämna den i receptionen.',
      handInHeading: 'Så lämnar du in blanketten',
      post: 'Du kan också skicka den med post till:',
      onForm: 'Det står också på blanketten var du lämnar den.',
      nothingKept: 'Inget av det du har fyllt i sparas i kiosken. När du trycker på Avsluta raderas allt från skärmen.',
      finish: 'Avsluta',
    },
    bankidUnusable: {
      text: 'BankID kan inte användas i kiosken just nu. Du kan göra ärendet på en blankett i stället.',
      action: 'Gör ärendet på en blankett',
    },
  },
} as const;
