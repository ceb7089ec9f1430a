import type { speechSv } from './speech.sv';

/** English: speech mode (docs/speech.md). Spread into en.ts. */
export const speechEn: typeof speechSv = {
  speech: {
    startHint:
      'Would you like the screen read aloud? Keep your finger on the screen for a moment, or press 5 on the number keypad.',
    on: 'Speech on.',
    off: 'Speech off.',
    keys: 'Press 6 for next, 4 for previous, Enter to choose, 5 to hear it again, point to go back and 0 for help.',
    help: 'The number keypad: 6 or 2 goes to the next item, 4 or 8 to the previous one. Enter chooses the item you are on. 5 reads it again. Point goes back. Plus and minus change the speed, times and divide change the volume. 9 turns speech off. Type text on the keyboard.',
    next: 'Press 6 to go on.',
    typeHere: 'Type on the keyboard. Press 6 when you are done.',
    noBack: 'There is no way back from here.',
    nothingToChoose: 'There is nothing to choose here.',
    top: 'Top of the page.',
    rate: 'Speed {step} of {steps}.',
    volume: 'Volume {step} of {steps}.',
    group: 'group',
    position: '{n} of {total}',
    role: {
      button: 'button',
      link: 'link',
      radio: 'option',
      checkbox: 'check box',
      textbox: 'text field',
      select: 'list',
      heading: 'heading',
      image: 'image',
      dialog: 'dialog',
    },
    state: {
      selected: 'selected',
      notSelected: 'not selected',
      checked: 'checked',
      notChecked: 'not checked',
      required: 'required',
      invalid: 'error',
      empty: 'empty',
      readonly: 'cannot be changed',
      disabled: 'unavailable',
      value: 'contains {value}',
    },
  },
};
