import type { MessageSchema } from './message-schema';

/** English: the visitor's second language. Same keys as Swedish. */
export const en: MessageSchema = {
  app: {
    title: 'Municipal self-service',
    skipToContent: 'Skip to content',
    loading: 'Starting the kiosk …',
    noBridge: 'The kiosk could not start. Please ask at the reception.',
    connectionLost: 'The kiosk lost contact with its service. Please try again in a moment or ask at the reception.',
  },
  language: {
    label: 'Language',
    choose: 'Choose language',
    sv: 'Svenska',
    en: 'English',
    ar: 'العربية',
  },
  start: {
    heading: 'Welcome to {municipality}',
    intro: 'Here you can contact the municipality through our e-services. You fill in the details on the screen, identify yourself with Mobile BankID if the e-service requires it, and get a receipt when we have received your case.',
    begin: 'Start',
    help: 'Questions and answers',
    contact: 'Need help? Ask at the reception or call the municipal contact centre on {phone}.',
    contactNoPhone: 'Need help? Ask at the reception.',
  },
  catalogue: {
    heading: 'Choose an e-service',
    intro: 'Tap the e-service you want to use.',
    empty: 'There are no e-services in this kiosk right now. Please ask at the reception.',
    loadFailed: 'The e-services could not be shown right now. Try again or ask at the reception.',
    retry: 'Try again',
    identification: {
      none: 'No identification needed',
      login: 'You log in with Mobile BankID',
      sign: 'You sign with Mobile BankID',
    },
  },
  nav: {
    back: 'Back',
    next: 'Next',
    home: 'To the start page',
    finish: 'Finish',
  },
  inactivity: {
    heading: 'Are you still there?',
    body: 'You have not touched the screen for a while. If you do not answer, the visit ends in {seconds} seconds and everything you have filled in is deleted.',
    stay: 'I am still here',
    more: 'I need more time ({minutes} min)',
    announce: 'The visit ends in {seconds} seconds.',
  },
  outOfOrder: {
    heading: 'Out of order',
    body: 'The kiosk is not working right now. Please ask at the reception and we will help you.',
    staffDetails: 'For staff and IT',
  },
  errors: {
    generic: 'Something went wrong. Try again or ask at the reception.',
    invalid_input: 'The details could not be accepted. Please check what you have filled in.',
    unavailable: 'The service cannot be reached right now. Try again in a moment or ask at the reception.',
  },
};
