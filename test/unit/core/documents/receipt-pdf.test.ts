/** The receipt: reference, service, date, how to follow the case; a QR code a phone can read. */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { followLink } from '../../../../src/core/documents/receipt-pdf';
import {
  documentService,
  flatText,
  pageImage,
  popplerMissing,
  qpdfCheck,
  qpdfMissing,
  shippedFlow,
} from './document-fixtures';

const submittedAt = '2025-06-15T10:02:03Z';

describe('the receipt PDF', () => {
  it.skipIf(popplerMissing || qpdfMissing)(
    'says what happened to the case, with reference, service and date, and a QR code to Mina sidor',
    async () => {
      const service = documentService({
        config: { minaSidorUrl: 'https://e.exempelkommun.se/mina-sidor?arende={reference}' },
      });
      const pdf = await service.receiptPdf({
        reference: 'KK-2025-7QX4M2',
        service: shippedFlow('forskoleplats').title,
        submittedAt,
        status: 'stored',
        lang: 'sv',
      });
      const text = flatText(pdf);
      expect(text).toContain('Kvitto');
      expect(text).toContain('Ditt ärende är registrerat i kiosken och skickas till kommunen så snart det går.');
      expect(text).toContain('Referensnummer KK-2025-7QX4M2');
      expect(text).toContain('E-tjänst Ansökan om plats i förskola');
      expect(text).toContain('Datum 2025-06-15 12:02');
      expect(text).toContain('https://e.exempelkommun.se/mina-sidor?arende=KK-2025-7QX4M2');
      expect(qpdfCheck(pdf).ok).toBe(true);

      const png = PNG.sync.read(pageImage(pdf, 1, 110));
      const code = jsQR(
        new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength),
        png.width,
        png.height,
      );
      expect(code?.data).toBe('https://e.exempelkommun.se/mina-sidor?arende=KK-2025-7QX4M2');
    },
  );

  it.skipIf(popplerMissing)(
    'without a Mina sidor address it tells the visitor to contact the municipality; delivered cases say received',
    async () => {
      const pdf = await documentService().receiptPdf({
        reference: 'KK-2025-B',
        service: 'Felanmälan',
        submittedAt,
        status: 'delivered',
        lang: 'en',
      });
      const text = flatText(pdf);
      expect(text).toContain('We have now received your case!');
      expect(text).toContain('Contact the municipality and give the reference number');
      expect(text).toContain('Contact: 0123-45 67 00 · kommun@exempel.se');
      expect(text).not.toContain('http');
    },
  );

  it('puts the reference into the link safely', () => {
    expect(followLink('https://x.se/?r={reference}&s={reference}', 'KK 1/2')).toBe(
      'https://x.se/?r=KK%201%2F2&s=KK%201%2F2',
    );
    expect(followLink('https://x.se/mina-sidor', 'KK-1')).toBe('https://x.se/mina-sidor');
  });
});
