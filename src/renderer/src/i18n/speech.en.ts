import type { speechSv } from './speech.sv';

/** English: speech mode (docs/speech.md). Spread into en.ts. */
export const speechEn: typeof speechSv = {
  speech: {
    startHint:
      'Would you like the screen read aloud? Keep your finger on the screen for a moment, or press 5 on the number keypad.',
    on: 'Speech on.',
    off: 'Speech off.',
    keys: 'Press 6 for next, 4 for previous, Enter to choose, 5 to hear it again, point to go back and 0 for help.',
    help: 'The number keypad: 6 or 2 goes to the next item, 4 or 8 to the previous one. Enter chooses the item you are on. 5 reads it again. Point goes back. Plus and minus change the speed, times and divide change the volume. 9 turns speech off. Enter on a text field types with the on-screen keyboard.',
    headsetIn: 'Headset connected.',
    headsetOut:
      'The headset was unplugged. Speech goes on through the loudspeaker until the visit ends; press 9 to turn it off.',
    typing: {
      start:
        'Type with the on-screen keyboard: 6 and 4 move right and left, 8 and 2 up and down a row, Enter types the key, 5 reads what you have typed, point finishes.',
      capital: 'capital {key}',
      on: 'on',
      off: 'off',
      contains: 'Contains {value}',
      help: 'The on-screen keyboard is laid out like a Swedish keyboard: the digits at the top, then q w e, a s d and z x c, shift at the bottom left and the space bar on the bottom row. 6 and 4 move right and left, 8 and 2 up and down a row. Enter types the key. 5 reads what you have typed. Point finishes.',
      done: 'Done.',
    },
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
