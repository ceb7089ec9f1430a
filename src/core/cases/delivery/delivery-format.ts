/**
 * What a delivery target sends for one case, by its `format`: the JSON envelope (with the documents
 * beside it, or inline over HTTPS), or one FGS package (E-ARK SIP, zip). Every adapter carries either.
 */
import type { Envelope } from '../../../contract/delivery/envelope';
import { buildEnvelope } from '../envelope';
import { buildFgsPackage, type FgsPackage, type FgsSchemaFile } from '../fgs/fgs-package';
import { loadFgsSchemas } from '../fgs/fgs-schemas';
import type { DeliveryItem } from './adapter';

/** What an FGS package needs beyond the case: who made it and the schemas it carries. */
export interface FgsContext {
  softwareVersion: string;
  /** The municipality: submitting agent of the package, maintenance agency of the ERMS. */
  municipality: string;
  /** resources/fgs-schemas. */
  schemasDir: string;
}

export interface TargetFormat {
  format: 'envelope' | 'fgs';
  classification?: string | undefined;
}

export interface DeliveryFormatter {
  readonly format: 'envelope' | 'fgs';
  envelope(item: DeliveryItem, inlineDocuments: boolean): Envelope;
  /** The case's FGS package (made when the attempt runs; the same name on every attempt). */
  fgsPackage(item: DeliveryItem): FgsPackage;
}

export const PACKAGE_MEDIA_TYPE = 'application/zip';

export function createDeliveryFormatter(
  target: TargetFormat,
  fgs: FgsContext | undefined,
  now: () => Date = () => new Date(),
): DeliveryFormatter {
  let schemas: FgsSchemaFile[] | undefined;
  const envelope = (item: DeliveryItem, inlineDocuments: boolean): Envelope =>
    buildEnvelope(item, { inlineDocuments, defaultClassification: target.classification ?? null });
  if (target.format === 'fgs' && !fgs) {
    throw new Error('a delivery target with format fgs needs the FGS context (software version, municipality)');
  }
  return {
    format: target.format,
    envelope,
    fgsPackage(item) {
      if (!fgs) throw new Error('no FGS context');
      schemas ??= loadFgsSchemas(fgs.schemasDir);
      return buildFgsPackage(envelope(item, false), item.payload.documents, {
        software: { name: 'Kommunkiosk', version: fgs.softwareVersion },
        municipality: fgs.municipality,
        schemas,
        now: now(),
      });
    },
  };
}
