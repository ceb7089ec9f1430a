import { accessibilityEn } from './accessibility.en';
import { paperEn } from './paper.en';
import { staffEn } from './staff.en';
import type { MessageSchema } from './message-schema';

/** English: the visitor's second language. Same keys as Swedish. */
export const en: MessageSchema = {
  app: {
    title: 'Municipal self-service',
    skipToContent: 'Skip to content',
    loading: 'Starting the kiosk …',
    noBridge: 'The kiosk could not start. Please ask at the reception.',
    connectionLost: 'The kiosk lost contact with its service. Please try again in a moment or ask at the reception.',
    reconnecting: 'The kiosk is trying to reconnect. What you had filled in has been removed for your safety.',
    superseded: 'The kiosk is in use in another window',
    supersededBody: 'This window is no longer used. What you had filled in here has been removed.',
    useHere: 'Use the kiosk in this window',
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
    intro:
      'Here you can contact the municipality through our e-services. You fill in the details on the screen, identify yourself with Mobile BankID if the e-service requires it, and get a receipt when we have received your case.',
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
    openFailed: 'The e-service could not be opened right now. Try again or ask at the reception.',
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
    notice: {
      maintenance: 'The kiosk is being serviced right now.',
      technical_problem: 'The kiosk has a technical fault.',
      printer_problem: "The kiosk's printer is not working.",
      network_problem: "The kiosk cannot reach the municipality's systems right now.",
    },
  },
  errors: {
    generic: 'Something went wrong. Try again or ask at the reception.',
    invalid_input: 'The details could not be accepted. Please check what you have filled in.',
    unavailable: 'The service cannot be reached right now. Try again in a moment or ask at the reception.',
  },

  intro: {
    needs: 'What you need',
    identificationHeading: 'Identification',
    identification: {
      none: 'You do not need to identify yourself for this e-service.',
      login:
        'You log in with Mobile BankID before you start. Your name and address are then fetched from the population register.',
      sign: 'You log in with Mobile BankID before you start, and sign the application with Mobile BankID before you send it.',
    },
    gdprHeading: 'How we handle your personal data',
    gdpr: {
      purpose: 'Why we need the information',
      legalBasis: 'Legal basis',
      retention: 'How long we keep the information',
      recipient: 'Who receives the information',
      controller: 'Data controller',
    },
    begin: 'Start',
  },
  bankid: {
    loginHeading: 'Log in with Mobile BankID',
    loginIntro:
      'You log in so that we know it is you making the application. Your details are fetched from the population register, so you do not have to type them.',
    signHeading: 'Sign with Mobile BankID',
    signIntro: 'Check what you are signing. The BankID app shows the same summary before you sign.',
    instruction: 'Start the BankID app and scan the QR code.',
    qrLabel: 'QR code to scan with the BankID app',
    starting: 'Starting BankID …',
    cancel: 'Cancel',
    retry: 'Try again',
    protectedIdentity: 'I have a protected identity',
    noBankId: 'I do not have BankID',
    unavailable: 'BankID cannot be used at the kiosk right now. Try again in a moment or ask at the reception.',
    paperRoute: 'BankID is not used during this visit. Please ask at the reception and we will help you.',
    fetchingDetails: 'Fetching your details from the population register …',
    prefillFailed:
      'Your details could not be fetched from the population register right now. Try again in a moment or ask at the reception.',
    rfa: {
      rfa1: 'Start your BankID app.',
      rfa3: 'The action was cancelled. Please try again.',
      rfa4: 'An identification or signing for this personal number is already started. Please try again.',
      rfa5: 'Something went wrong. Please try again.',
      rfa6: 'The action was cancelled.',
      rfa8: "The BankID app is not responding. Please check that it's started and that you have internet access. If you don't have a valid BankID you can get one from your bank. Try again.",
      rfa9: 'Enter your security code in the BankID app and select Identify or Sign.',
      rfa16: 'Your BankID is blocked or too old. Please use another BankID or get a new one from your bank.',
      rfa17b: 'Failed to scan the QR code. Start the BankID app and scan the QR code.',
      rfa21: 'An identification or signing is in progress.',
      rfa22: 'Something went wrong. Please try again.',
      rfa23: 'Take a photo of, and scan, your ID document with the BankID app.',
      searching: 'Searching for BankID, it may take a little while …',
      userCallConfirm:
        'Confirm in the BankID app whether you have received a call asking you to identify yourself. Hang up if you did not expect the call.',
      userDeclinedCall: 'You answered that you did not expect a call. The action was cancelled for your security.',
      notSupportedByUserApp: 'Update the BankID app and try again.',
      transactionRiskBlocked: 'BankID stopped the action for security reasons. Ask at the reception if you need help.',
      registerUnavailable:
        'The login worked, but your details could not be fetched from the population register. Try again in a moment.',
      complete: 'Done!',
    },
  },
  identity: {
    signedInAs: 'Logged in as {name}',
    logout: 'Log out',
  },
  steps: {
    progress: 'Step {current} of {total}',
    requiredLegend: 'Fields marked with * are required',
    help: 'Questions and answers',
    errorSummary: 'Correct this before you go on',
    checkFailed: 'Your answers could not be checked right now. Try again in a moment or ask at the reception.',
    saveChange: 'Save the change',
  },
  fields: {
    yes: 'Yes',
    no: 'No',
    choose: 'Choose',
    locked: 'Fetched from the population register; it cannot be changed here.',
    charactersLeft: '{count} characters left',
    childrenProtected:
      'Children with protected personal data are never shown here. If the application is for such a child, ask the staff at the reception – you then apply on a paper form.',
    noChildren:
      'We found no children in the population register for you to choose. Ask at the reception and we will help you.',
    stopHeading: 'You cannot go on here',
    date: {
      placeholder: 'YYYY-MM-DD',
      format: 'Write year-month-day, for example {example}.',
      earlier: '− 1 day',
      today: 'Today',
      later: '+ 1 day',
      previousMonth: 'Previous month',
      nextMonth: 'Next month',
    },
    address: {
      street: 'Street address',
      postalCode: 'Postal code',
      city: 'Town or city',
    },
  },
  issues: {
    required: 'Fill in this field.',
    requiredChoice: 'Choose one of the options.',
    requiredCheckboxes: 'Tick at least one option.',
    requiredChild: 'Choose which child the application is for.',
    requiredAddress: {
      street: 'Fill in the street address.',
      postalCode: 'Fill in the postal code.',
      city: 'Fill in the town or city.',
    },
    type: 'The answer could not be read. Fill in the field again.',
    stop: 'You cannot go on with these answers.',
    consent: {
      required: 'Tick the box to go on.',
    },
    text: {
      tooShort: 'Write at least {min} characters.',
      tooLong: 'Write at most {max} characters. Please shorten the text.',
      pattern: 'The answer is not in the right form. Check what you have written.',
    },
    number: {
      format: 'Write a number in digits, for example 12 or 12.5.',
      integer: 'Write a whole number, without decimals.',
      tooSmall: 'The number must be at least {min}.',
      tooLarge: 'The number must be at most {max}.',
    },
    date: {
      format: 'Write the date as year-month-day, for example 2025-03-14.',
      invalid: 'That date does not exist. Check the day and month.',
      tooEarly: 'Choose a date on or after {min}.',
      tooLate: 'Choose a date on or before {max}.',
    },
    email: {
      format: "Write a complete e-mail address, for example name{'@'}example.com.",
    },
    phone: {
      format: 'Write a Swedish phone number with the area code, for example 070-123 45 67.',
    },
    postalCode: {
      format: 'The postal code must have five digits, for example 123 45.',
    },
    pnr: {
      format: 'The personal identity number must have 10 or 12 digits, for example YYYYMMDD-NNNN.',
      date: 'The date of birth in the personal identity number does not exist. Check the year, month and day.',
      checksum: 'The personal identity number is not correct. Check the digits, especially the last four.',
      samordningsnummer: 'Only a personal identity number can be used here, not a coordination number.',
    },
    choice: {
      invalid: 'Choose one of the options in the list.',
      tooFew: 'Choose at least {min} options.',
      tooMany: 'Choose at most {max} options.',
    },
    child: {
      unknown: 'Choose one of the children in the list.',
    },
    step: {
      unknown: 'Something went wrong in the e-service. Start again or ask at the reception.',
    },
  },
  review: {
    heading: 'Check your details',
    intro: 'Read through your answers for {service}. Tap Change if something needs correcting.',
    notAnswered: 'Not answered',
    change: 'Change',
    changeLabel: 'Change {label}',
    submit: 'Send',
    toSign: 'Go on to signing',
  },
  submit: {
    sending: 'Sending your case …',
    storageFailed: 'Your case could not be saved. Please ask at the reception.',
    unavailable: 'The case could not be sent right now. Try again in a moment.',
    failed: 'Something went wrong when sending the case. Try again or ask at the reception.',
    retry: 'Try again',
  },
  receipt: {
    heading: 'We have now received your case!',
    reference: 'Case reference',
    service: 'E-service',
    time: 'Sent',
    status: 'Status',
    statusText: {
      stored: 'Registered in the kiosk and being sent to the municipality',
      delivered: 'Received by the municipality',
      dead_letter: 'The municipality could not accept the case. Please ask at the reception and we will help you.',
      unknown: 'Registered in the kiosk',
    },
    keepReference: 'Write down the case reference or take a photo of it. You do not need to do anything more.',
  },
  help: {
    heading: 'Questions and answers',
    loadFailed: 'The questions and answers could not be shown right now. Try again or ask the staff at the reception.',
    retry: 'Try again',
    onlyIn: {
      sv: 'The questions and answers are only available in Swedish.',
      en: 'The questions and answers are only available in English.',
    },
    index: 'The questions',
    toIndex: 'All questions',
  },
  layout: {
    content: 'Content',
    moreBelow: 'There is more below',
  },
  ...accessibilityEn,
  ...staffEn,
  ...paperEn,
};
