/**
 * The `scanner` health check: is the document scanner there and free? A kiosk without a scanner has
 * no such check. A missing or unusable scanner is a warning, not a failure: visitors can still go
 * on without the attachment and have it sent in another way.
 */
import type { HealthCheckResult } from '../../contract/namespaces/staff';
import type { ScannerState } from './scanner';

export function scannerHealthCheck(state: ScannerState): HealthCheckResult {
  if (state.state === 'ready')
    return { id: 'scanner', ok: true, severity: 'ok', key: 'scanner_ok', reason: state.reason };
  return { id: 'scanner', ok: false, severity: 'warn', key: `scanner_${state.state}`, reason: state.reason };
}
