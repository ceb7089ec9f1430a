/**
 * Attachments through a real scanner: scanimage with SANE's test backend (test/support/sane-test-backend.ts),
 * its failures forced the way the hardware would report them, pages turned and deleted, limits, the
 * PDF per attachment, and nothing left when the visit ends.
 */
import { PDFDocument, PDFName } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentsConfigSchema } from '../../../../src/core/attachments/config';
import { createAttachmentService } from '../../../../src/core/attachments/attachment-service';
import { jpegSize } from '../../../../src/core/attachments/jpeg-image';
import { createSaneScanner } from '../../../../src/core/attachments/sane-scanner';
import {
  scanimageInstalled,
  saneTestBackend,
  TEST_SCANNER,
  type SaneTestBackend,
} from '../../../support/sane-test-backend';
import { attachmentWorld, failure } from './attachment-fixtures';

const scanner = (backend: SaneTestBackend, device = TEST_SCANNER, command = 'scanimage', resolution = 150) =>
  createSaneScanner({
    config: {
      adapter: 'sane',
      device,
      command,
      resolution,
      colour: 'grey',
      source: 'flatbed',
      timeoutSeconds: 30,
    },
    env: { ...process.env, ...backend.env },
  });

describe.skipIf(!scanimageInstalled())('attachments from a SANE scanner', () => {
  let backend: SaneTestBackend;
  beforeEach(() => {
    backend = saneTestBackend();
  });
  afterEach(() => backend.remove());

  function service(config: Record<string, unknown> = {}, device = TEST_SCANNER, resolution = 150) {
    const world = attachmentWorld();
    const s = createAttachmentService({
      config: attachmentsConfigSchema.parse({ scanner: { adapter: 'sane', device }, ...config }),
      scanner: scanner(backend, device, 'scanimage', resolution),
      flows: () => world.flows,
      visit: world.visit,
      logger: world.logger,
      author: 'Provkommun',
    });
    return { ...world, s, h: s.handlers };
  }

  it('scans a grey text page well under 500 KB and adds pages to the same attachment', async () => {
    const { h, s } = service();
    const first = await h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' });
    expect(first).toMatchObject({ attachmentId: 'intyg-1', pages: 1, page: { id: 'p1', rotation: 0 } });
    expect(first.page.image.startsWith('data:image/jpeg;base64,/9j/')).toBe(true);
    const bytes = Buffer.from(first.page.image.split(',')[1] as string, 'base64').length;
    expect(bytes).toBeLessThan(500 * 1024);
    const second = await h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg', attachmentId: 'intyg-1' });
    expect(second).toMatchObject({ attachmentId: 'intyg-1', pages: 2, page: { id: 'p2' } });
    expect(s.summaries('bilagor')).toEqual([{ id: 'intyg-1', fieldId: 'intyg', pages: 2 }]);
  });

  it.each([
    ['SANE_STATUS_JAMMED', 'jammed'],
    ['SANE_STATUS_NO_DOCS', 'no_paper'],
    ['SANE_STATUS_COVER_OPEN', 'cover_open'],
    ['SANE_STATUS_DEVICE_BUSY', 'busy'],
  ] as const)('%s is told as %s, nothing is kept, and the next scan works', async (status, reason) => {
    const { h, s } = service();
    backend.set({ status });
    expect(await failure(h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' }))).toEqual({
      code: 'unavailable',
      reason,
    });
    expect(s.heldCount()).toBe(0);
    backend.set({ status: 'Default' });
    expect(await h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' })).toMatchObject({ pages: 1 });
  });

  it('a scanner that is not there, or no scanimage at all, is "no_scanner"; status says so for staff', async () => {
    const gone = service({}, 'nosuchbackend:0');
    expect(await failure(gone.h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' }))).toEqual({
      code: 'unavailable',
      reason: 'no_scanner',
    });
    expect(await gone.s.scannerState()).toMatchObject({ state: 'no_scanner' });
    const ready = service();
    expect(await ready.s.scannerState()).toMatchObject({ state: 'ready' });
    backend.set({ connected: false }); // switched off
    expect(await ready.s.scannerState()).toMatchObject({ state: 'no_scanner' });
    expect(await failure(ready.h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' }))).toEqual({
      code: 'unavailable',
      reason: 'no_scanner',
    });
    const missing = scanner(backend, TEST_SCANNER, '/nonexistent/scanimage');
    await expect(missing.scan()).rejects.toMatchObject({ reason: 'no_scanner' });
  });

  it('turns and deletes pages; the attachment goes with its last page', async () => {
    const { h, s } = service();
    await h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' });
    await h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg', attachmentId: 'intyg-1' });
    expect(await h['attachments.rotate']({ attachmentId: 'intyg-1', pageId: 'p2' })).toEqual({ rotation: 90 });
    expect(await h['attachments.rotate']({ attachmentId: 'intyg-1', pageId: 'p2' })).toEqual({ rotation: 180 });
    expect(await h['attachments.deletePage']({ attachmentId: 'intyg-1', pageId: 'p1' })).toEqual({ pages: 1 });
    expect(await h['attachments.deletePage']({ attachmentId: 'intyg-1', pageId: 'p2' })).toEqual({ pages: 0 });
    expect(s.heldCount()).toBe(0);
    expect(await failure(h['attachments.rotate']({ attachmentId: 'intyg-1', pageId: 'p2' }))).toMatchObject({
      code: 'not_found',
    });
  });

  it('keeps the limits with a reason the visitor is told', async () => {
    const { h } = service();
    for (let i = 0; i < 3; i += 1)
      await h['attachments.scan']({
        flowId: 'bilagor',
        fieldId: 'intyg',
        ...(i > 0 ? { attachmentId: 'intyg-1' } : {}),
      });
    expect(
      await failure(h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg', attachmentId: 'intyg-1' })),
    ).toEqual({ code: 'conflict', reason: 'too_many_pages' });
    expect(await failure(h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' }))).toEqual({
      code: 'conflict',
      reason: 'too_many_attachments',
    });
    // all pages of a visit together: 1 MB here; a grey page of the test backend at 300 dpi is about 300 KB
    const small = service({ maxTotalMb: 1 }, TEST_SCANNER, 300);
    let refused: { code: string; reason: string | undefined } | null = null;
    let attachmentId: string | undefined;
    for (let i = 0; i < 10 && !refused; i += 1) {
      try {
        attachmentId = (
          await small.h['attachments.scan']({
            flowId: 'bilagor',
            fieldId: 'kvitton',
            ...(attachmentId ? { attachmentId } : {}),
          })
        ).attachmentId;
      } catch (err) {
        refused = await failure(Promise.reject(err));
      }
    }
    expect(refused).toEqual({ code: 'conflict', reason: 'too_large' });
    expect(small.s.summaries('bilagor')[0]?.pages).toBeGreaterThan(2);
    expect(await failure(small.h['attachments.scan']({ flowId: 'bilagor', fieldId: 'nosuchfield' }))).toMatchObject({
      code: 'not_found',
    });
  });

  it("makes one PDF/A per attachment: its pages at the paper's size, turned pages turned", async () => {
    const { h, s, flow } = service();
    const first = await h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' });
    const pixels = jpegSize(Buffer.from(first.page.image.split(',')[1] as string, 'base64'));
    await h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg', attachmentId: 'intyg-1' });
    await h['attachments.rotate']({ attachmentId: 'intyg-1', pageId: 'p2' });
    await h['attachments.scan']({ flowId: 'bilagor', fieldId: 'kvitton' });
    const files = await s.documents(flow, { intyg: ['intyg-1'], kvitton: ['kvitton-2'] }, 'K7-4F9Q-2');
    expect(files.map((f) => [f.name, f.kind, f.mediaType])).toEqual([
      ['bilaga-intyg-1.pdf', 'attachment', 'application/pdf'],
      ['bilaga-kvitton-2.pdf', 'attachment', 'application/pdf'],
    ]);
    const pdf = await PDFDocument.load(files[0]!.bytes, { updateMetadata: false });
    expect(pdf.getPageCount()).toBe(2);
    expect(pdf.getTitle()).toBe('Bilaga: Läkarintyg');
    expect(pdf.getPage(1).getRotation().angle).toBe(90);
    // the paper's own size: its pixels at the scanner's 150 dpi
    expect(pdf.getPage(0).getWidth()).toBeCloseTo(((pixels?.width ?? 0) / 150) * 72, 3);
    expect(pdf.getPage(0).getHeight()).toBeCloseTo(((pixels?.height ?? 0) / 150) * 72, 3);
    expect(pdf.catalog.get(PDFName.of('OutputIntents'))).toBeDefined();
    expect(Buffer.from(files[0]!.bytes).toString('latin1')).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(files[0]!.bytes.length / 2).toBeLessThan(500 * 1024);
  });

  it('ends with the visit: every page wiped, a scan that comes back late is dropped', async () => {
    const { h, s, visit, flow } = service();
    await h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' });
    await visit.reset('finished');
    expect(s.heldCount()).toBe(0);
    expect(await s.documents(flow, { intyg: ['intyg-1'] }, 'K7-4F9Q-2')).toEqual([]);
    backend.set({ readDelay: true });
    const late = h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' });
    await visit.reset('finished');
    expect(await failure(late)).toMatchObject({ code: 'visit_ended' });
    expect(s.heldCount()).toBe(0);
  });

  it('the paper route takes no attachments', async () => {
    const { h, visit } = service();
    visit.state.paperRoute = { reason: 'no_bankid' };
    expect(await failure(h['attachments.scan']({ flowId: 'bilagor', fieldId: 'intyg' }))).toEqual({
      code: 'forbidden',
      reason: 'paper_route',
    });
  });
});
