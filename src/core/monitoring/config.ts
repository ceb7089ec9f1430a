/**
 * The `monitoring` section of the kiosk's config file:
 *
 *   monitoring:
 *     textfileDir: /var/lib/prometheus/node-exporter   # node_exporter --collector.textfile.directory; null = off
 *     intervalSeconds: 30
 */
import { z } from 'zod';

export const monitoringConfigSchema = z
  .object({
    /**
     * Folder read by node_exporter's textfile collector; the kiosk writes `kommunkiosk.prom` there.
     * null (the default) turns fleet monitoring off. A relative path is taken from the config file's folder.
     */
    textfileDir: z.string().min(1).nullable().default(null),
    /** How often the file is rewritten (each time the reachability checks run too). */
    intervalSeconds: z.number().int().min(5).max(3600).default(30),
  })
  .strict();

export type MonitoringConfigInput = z.input<typeof monitoringConfigSchema>;
