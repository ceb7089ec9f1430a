import type { attachmentsSv } from './attachments.sv';

type Widen<T> = T extends string ? string : { [K in keyof T]: Widen<T[K]> };

/** Attachments: the attachment field, the attachment screen and their messages (English). */
export const attachmentsEn: Widen<typeof attachmentsSv> = {
  attachments: {
    add: 'Add {name}',
    addAnother: 'Add another {name}',
    none: 'No attachment added.',
    added: '{name}, {pages}',
    remove: 'Remove {name}',
    removed: '{name} has been removed.',
    unavailable:
      'This kiosk cannot take attachments right now. You can send the attachment another way, for example by post, or ask the staff at the reception.',
    screenTitle: 'Add {name}',
    instructions: "Place the paper face down on the scanner's glass, close the lid and press Scan page.",
    instructionsFeeder: "Put the paper in the scanner's feeder face up and press Scan page.",
    scan: 'Scan page',
    scanAgain: 'Scan again',
    scanning: 'Scanning … please wait.',
    scanned: 'Page {n} has been scanned.',
    pageCount: 'No pages yet | 1 page | {n} pages',
    pageLabel: 'Page {n}',
    pageImage: 'Page {n} as it was scanned',
    rotate: 'Turn page {n}',
    rotated: 'Page {n} has been turned.',
    deletePage: 'Remove page {n}',
    pageDeleted: 'Page {n} has been removed.',
    finish: 'Done',
    cancel: 'Cancel',
    withoutIt: 'Continue without attachment',
    tooFewPages: 'The attachment needs at least {min} pages. Scan another page.',
    saved: '{name} has been added.',
    failed: {
      no_paper: 'There is no paper in the scanner. Put the paper in and try again.',
      jammed: 'The paper is stuck in the scanner. Ask the staff at the reception for help, then try again.',
      cover_open: "The scanner's lid is open. Close the lid and try again.",
      busy: 'The scanner is busy. Wait a moment and try again.',
      no_scanner:
        'The scanner does not answer. Ask the staff at the reception for help, or continue without the attachment.',
      timeout: 'The scan took too long. Try again.',
      failed: 'The scan did not work. Try again, or ask the staff at the reception for help.',
      too_many_pages: 'The attachment cannot have more pages.',
      too_many_attachments: 'You cannot add more attachments here.',
      too_large: 'The attachments are too large together. Remove a page or an attachment and try again.',
      paper_route: 'Attachments are not scanned when you use the paper form. Attach copies to the printed form.',
      visit: 'Something went wrong. Try again.',
      no_camera:
        'The camera cannot be found. Ask the staff at the reception for help, or go on without the attachment.',
      camera_denied:
        'The kiosk was not allowed to use the camera. Ask the staff at the reception for help, or go on without the attachment.',
      camera_busy: 'The camera is being used by something else right now. Wait a moment and try again.',
      camera_failed: 'The camera did not work. Try again, or ask the staff at the reception for help.',
    },
    paperNote:
      'Attach a copy ({name}) when you hand in the form. The kiosk does not scan attachments when you use the paper form. Do not send the original.',
    issues: {
      required: 'Add the attachment to continue.',
      tooMany: 'You can add at most {max} attachments here.',
      unknown: 'The attachment is no longer there. Add it again.',
      tooFewPages: 'The attachment needs at least {min} pages.',
      tooManyPages: 'The attachment can have at most {max} pages. Remove a page.',
    },
    receiptHeading: 'Attachments',
    camera: {
      open: 'Use the camera',
      opening: 'The camera is starting … please wait.',
      instructions:
        'Place the paper face up under the camera, on the dark surface. Make sure the whole page is in the picture and press Take picture.',
      preview: "The camera's picture of the paper",
      capture: 'Take picture',
      capturing: 'Taking the picture … please wait.',
      captured: "Page {n} has been photographed and cut to the page's edges.",
      notCropped:
        "Page {n} has been photographed. The page's edges could not be seen, so the whole picture was kept. To take it again, place the paper on the dark surface and take a new picture.",
      close: 'Turn off the camera',
      closed: 'The camera is off.',
    },
  },
};
