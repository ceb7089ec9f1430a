/**
 * One attachment as one PDF: the pages as they were scanned (no re-encoding), the paper's own size,
 * turned pages turned, PDF/A-2b parts — also for a small page, which Node keeps in a shared buffer pool.
 */
import { readFileSync } from 'node:fs';
import { PDFDocument, PDFName } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { attachmentPdf } from '../../../../src/core/attachments/attachment-pdf';
import { jpegSize } from '../../../../src/core/attachments/jpeg-image';

const file = readFileSync(new URL('../../fixtures/attachments/grid-75dpi.jpg', import.meta.url));
const options = {
  title: 'Bilaga: Läkarintyg',
  author: 'Provkommun',
  subject: 'Test',
  language: 'sv-SE',
  created: new Date('2026-01-02T10:00:00Z'),
  seed: 'K7-4F9Q-2:intyg-1',
};

describe('attachmentPdf', () => {
  it('embeds a small page kept in Node’s shared buffer pool (its bytes do not start its ArrayBuffer)', async () => {
    // small Buffers are slices of a pool: the page's bytes begin somewhere inside a larger ArrayBuffer
    const pool = Buffer.alloc(file.length + 16);
    file.copy(pool, 16);
    const pooled = pool.subarray(16);
    expect(pooled.byteOffset).toBe(16);
    const size = jpegSize(pooled);
    expect(size).toEqual({ width: expect.any(Number), height: expect.any(Number) });
    const bytes = await attachmentPdf(
      [
        { id: 'p1', jpeg: pooled, width: size!.width, height: size!.height, dpi: 75, rotation: 0 },
        { id: 'p2', jpeg: pooled, width: size!.width, height: size!.height, dpi: 150, rotation: 270 },
      ],
      options,
    );
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getPage(0).getWidth()).toBeCloseTo((size!.width / 75) * 72, 3);
    expect(pdf.getPage(1).getWidth()).toBeCloseTo((size!.width / 150) * 72, 3);
    expect(pdf.getPage(1).getRotation().angle).toBe(270);
    expect(pdf.getTitle()).toBe('Bilaga: Läkarintyg');
    expect(pdf.catalog.get(PDFName.of('OutputIntents'))).toBeDefined();
    // the JPEG is in the file as it was scanned
    expect(Buffer.from(bytes).includes(file.subarray(100, 160))).toBe(true);
  });

  it('refuses bytes that are not a JPEG frame', () => {
    expect(jpegSize(Buffer.from('not a jpeg'))).toBeNull();
    expect(jpegSize(Buffer.from([0xff, 0xd8, 0xff, 0xda, 0, 2, 0, 0, 0, 0, 0]))).toBeNull();
  });
});
