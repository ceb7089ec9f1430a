import type { paperSv } from './paper.sv';

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

/** English: the paper route (blankett). */
export const paperEn: Widen<typeof paperSv> = {
  paper: {
    protectedIdentity: 'I have a protected identity',
    howItWorks:
      'You fill in the e-service as usual. At the end a form is printed, which you sign by hand and hand in at the reception. Nothing you fill in is kept in the kiosk.',
    entry: {
      protected_identity: {
        heading: 'Protected identity',
        body: 'You do not log in with BankID. You make your application on a paper form instead.',
      },
      register_protected: {
        heading: 'You make your application on a paper form',
        body: 'According to the population register you have protected personal data. That is why you continue without BankID, and your application is printed on a paper form.',
      },
      no_bankid: {
        heading: 'Without BankID',
        body: 'You can make your application without BankID. It is then printed on a paper form.',
      },
      bankid_unavailable: {
        heading: 'BankID is not working right now',
        body: 'BankID cannot be used at the kiosk right now. You can still make your application – it is then printed on a paper form.',
      },
    },
    continue: 'Continue',
    cancel: 'Cancel',
    starting: 'Preparing the form …',
    startFailed: 'Paper forms cannot be made at the kiosk right now. Try again or ask at the reception.',
    retry: 'Try again',
    printerDownEarly:
      'The printer is not working right now – please ask at the reception. You can fill in the e-service meanwhile.',
    banner: {
      text: 'You are applying on a paper form. Nothing is kept in the kiosk.',
      finish: 'Finish',
    },
    catalogueIdentification: 'Printed on a paper form',
    introIdentification:
      'You do not log in. When you have filled in the e-service, it is printed on a paper form that you sign by hand.',
    child: {
      help: "Type the child's personal identity number with 12 digits, for example 20150607-1234.",
      placeholder: 'YYYYMMDD-NNNN',
    },
    review: {
      print: 'Print the form',
    },
    print: {
      heading: 'Print the form',
      checking: 'Checking the printer …',
      printing: 'Printing the form …',
      printerDown: 'The printer is not working right now – please ask at the reception.',
      failed: 'The form could not be printed right now. Try again or ask at the reception.',
      kept: 'What you have filled in is kept for as long as your visit lasts. Press Try again when the printer works.',
      retry: 'Try again',
      askHelp: 'Ask for help',
      helpHeading: 'Ask for help',
      helpBody:
        'Go to the reception and tell the staff that the form could not be printed. They can help you print it or give you a blank form to fill in by hand.',
      helpPhone: 'You can also call the municipal contact centre on {phone}.',
      backToReview: 'Back to your answers',
    },
    done: {
      heading: 'The form is being printed',
      body: 'Sign it and hand it in at the reception.',
      handInHeading: 'How to hand in the form',
      post: 'You can also send it by post to:',
      onForm: 'The form also says where to hand it in.',
      nothingKept:
        'Nothing you have filled in is kept in the kiosk. When you press Finish, everything is cleared from the screen.',
      finish: 'Finish',
    },
    bankidUnusable: {
      text: 'BankID cannot be used at the kiosk right now. You can make your application on a paper form instead.',
      action: 'Use a paper form',
    },
  },
};
