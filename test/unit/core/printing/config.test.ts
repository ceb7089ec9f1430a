import { describe, expect, it } from 'vitest';
import { printingConfigSchema } from '../../../../src/core/printing/config';
import { documentsConfigSchema } from '../../../../src/core/documents/config';

describe('printing config', () => {
  it('defaults to the folder adapter, so the main command works without CUPS', () => {
    expect(printingConfigSchema.parse({})).toEqual({
      adapter: 'folder',
      printer: null,
      folder: null,
      folderAllowPersonalData: false,
      sumatraPath: null,
      tempDir: null,
      media: 'A4',
      timeoutSeconds: 60,
    });
  });

  it('needs a valid queue name for cups and SumatraPDF for windows; unknown keys are errors', () => {
    const messages = (input: unknown) => {
      const r = printingConfigSchema.safeParse(input);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(messages({ adapter: 'cups' })).toEqual([
      'printer: the cups adapter needs the queue name (lpstat -p lists them)',
    ]);
    expect(messages({ adapter: 'cups', printer: 'Reception HP' })[0]).toMatch(/^printer: not a CUPS queue name/);
    expect(messages({ adapter: 'cups', printer: '-oevil' })[0]).toMatch(/^printer: not a CUPS queue name/);
    expect(messages({ adapter: 'cups', printer: 'Reception_HP' })).toEqual([]);
    expect(messages({ adapter: 'windows' })).toEqual([
      'sumatraPath: the windows adapter needs the path of SumatraPDF.exe',
    ]);
    expect(
      messages({
        adapter: 'windows',
        sumatraPath: 'C:\\Program Files\\Kommunkiosk\\SumatraPDF.exe',
        printer: 'Reception "HP"',
      }),
    ).toEqual([]);
    expect(messages({ adapter: 'folder', printr: 'x' })).toHaveLength(1);
    expect(messages({ media: 'Letter' })).toHaveLength(1);
  });
});

describe('documents config', () => {
  it('takes an https Mina sidor address and a default post address', () => {
    expect(documentsConfigSchema.parse({})).toEqual({ minaSidorUrl: null, postAddress: null });
    expect(
      documentsConfigSchema.parse({
        minaSidorUrl: 'https://e.kommun.se/mina-sidor?ref={reference}',
        postAddress: ['Kommunen', '123 45 By'],
      }),
    ).toMatchObject({
      postAddress: ['Kommunen', '123 45 By'],
    });
    expect(documentsConfigSchema.safeParse({ minaSidorUrl: 'http://e.kommun.se' }).success).toBe(false);
    expect(documentsConfigSchema.safeParse({ postAddress: [] }).success).toBe(false);
  });
});
