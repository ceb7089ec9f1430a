import { describe, expect, it } from 'vitest';
import {
  parseLpstatAccepting,
  parseLpstatPrinter,
  stateFromReasons,
} from '../../../../src/core/printing/printer-status';
import { windowsStatusFrom } from '../../../../src/core/printing/windows-printer';

const IDLE = `printer kiosk-pdf is idle.  enabled since Fri Nov 27 07:05:23 2026
\tForm mounted:
\tContent types: any
\tDescription: kiosk-pdf
\tAlerts: none
\tLocation: 
`;
const JAMMED = `printer Reception_HP disabled since Fri Nov 27 07:05:23 2026 -
\tPaper jam
\tForm mounted:
\tAlerts: media-jam-error paused
`;
const EMPTY = `printer Reception_HP now printing Reception_HP-12.  enabled since Fri Nov 27 07:05:23 2026
\tAlerts: media-empty-error toner-low-warning
`;

describe('lpstat output', () => {
  it('reads the printer line, the state message and the alerts', () => {
    expect(parseLpstatPrinter(IDLE)).toEqual({ name: 'kiosk-pdf', condition: 'idle', message: undefined, reasons: [] });
    expect(parseLpstatPrinter(JAMMED)).toEqual({
      name: 'Reception_HP',
      condition: 'disabled',
      message: 'Paper jam',
      reasons: ['media-jam-error', 'paused'],
    });
    expect(parseLpstatPrinter(EMPTY)).toMatchObject({
      condition: 'printing',
      reasons: ['media-empty-error', 'toner-low-warning'],
    });
    expect(parseLpstatPrinter('lpstat: Invalid destination name in list "x".')).toBeNull();
    expect(parseLpstatAccepting('kiosk-pdf accepting requests since Fri')).toBe(true);
    expect(parseLpstatAccepting('kiosk-pdf not accepting requests since Fri -\n\tRejecting Jobs')).toBe(false);
    expect(parseLpstatAccepting('')).toBeNull();
  });

  it('turns printer-state-reasons into a state a visitor screen can use', () => {
    expect(stateFromReasons([])).toEqual({ state: 'ready', warnings: [] });
    expect(stateFromReasons(['toner-low-warning', 'media-low-report'])).toEqual({
      state: 'ready',
      warnings: ['toner-low-warning', 'media-low-report'],
    });
    expect(stateFromReasons(['media-empty-error', 'toner-low-warning'])).toMatchObject({
      state: 'out_of_paper',
      reason: 'media-empty',
    });
    expect(stateFromReasons(['media-needed'])).toMatchObject({ state: 'out_of_paper' });
    expect(stateFromReasons(['offline-report'])).toMatchObject({ state: 'offline', reason: 'offline' });
    expect(stateFromReasons(['media-jam-error', 'paused'])).toMatchObject({ state: 'stopped', reason: 'media-jam' });
    expect(stateFromReasons(['door-open'])).toMatchObject({ state: 'stopped', reason: 'door-open' });
    expect(stateFromReasons(['something-new-error'])).toMatchObject({ state: 'stopped', reason: 'something-new' });
    expect(stateFromReasons(['offline-report', 'media-empty-error'])).toMatchObject({ state: 'out_of_paper' });
  });
});

describe('Win32_Printer status', () => {
  it('maps PrinterStatus, DetectedErrorState and WorkOffline', () => {
    expect(
      windowsStatusFrom('{"Name":"HP","PrinterStatus":3,"DetectedErrorState":2,"WorkOffline":false}', 'HP'),
    ).toEqual({ state: 'ready', printer: 'HP' });
    expect(windowsStatusFrom('{"Name":"HP","PrinterStatus":3,"DetectedErrorState":4}', 'HP')).toMatchObject({
      state: 'out_of_paper',
      reason: 'no-paper',
    });
    expect(windowsStatusFrom('{"Name":"HP","PrinterStatus":3,"DetectedErrorState":8}', 'HP')).toMatchObject({
      state: 'stopped',
      reason: 'jammed',
    });
    expect(windowsStatusFrom('{"Name":"HP","PrinterStatus":3,"WorkOffline":true}', 'HP')).toMatchObject({
      state: 'offline',
    });
    expect(windowsStatusFrom('{"Name":"HP","PrinterStatus":3,"DetectedErrorState":5}', 'HP')).toEqual({
      state: 'ready',
      printer: 'HP',
      warnings: ['low-toner'],
    });
    expect(windowsStatusFrom('{}', 'HP')).toMatchObject({ state: 'offline', reason: 'unknown_printer' });
    expect(windowsStatusFrom('{}', null)).toMatchObject({ state: 'offline', reason: 'no_default_printer' });
    expect(windowsStatusFrom('not json', null)).toMatchObject({ state: 'unknown' });
  });
});
