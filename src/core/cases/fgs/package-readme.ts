/**
 * `documentation/om-paketet.txt`: what is in an FGS package from Kommunkiosk, in Swedish and English,
 * for a person who opens it. No personal data: the reference, the e-service and the file list only.
 */
import type { Envelope } from '../../../contract/delivery/envelope';

export function packageReadme(envelope: Envelope, objId: string): string {
  const documents = envelope.documents.map((d) => `  representations/rep1/data/${d.name}`).join('\n');
  return [
    `Ärende ${envelope.reference} från Kommunkiosk`,
    '',
    `E-tjänst: ${envelope.flow.title.sv} (${envelope.flow.id}, version ${envelope.flow.version})`,
    `Inlämnat: ${envelope.submittedAt} i kiosken ${envelope.kioskId}`,
    `Paket: ${objId} (FGS Paketstruktur 2.0 / E-ARK SIP 2.1.0, FGS Ärendehantering 2.0 / CITS ERMS 2.1)`,
    '',
    'Innehåll:',
    '  METS.xml                               paketets innehållsförteckning med kontrollsummor (SHA-256)',
    '  metadata/descriptive/erms.xml          ärendet: rubrik, e-tjänst, datum, parter, handlingar',
    '  representations/rep1/METS.xml          representationens innehållsförteckning',
    documents,
    '  representations/rep1/data/envelope.json  de inlämnade uppgifterna, maskinläsbara',
    '  schemas/                               scheman som paketet använder, med licenser',
    '',
    `Case ${envelope.reference} from Kommunkiosk: the case document (PDF/A), the submitted answers as JSON`,
    '(delivery envelope, schemas/delivery-envelope.schema.json) and the case description (ERMS).',
    '',
  ].join('\n');
}
