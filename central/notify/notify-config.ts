import fs from 'node:fs';
import { z } from 'zod';

/**
 * Where the gateway sends notices to applicants (issue 15 §4): a brandname SMS provider's HTTP API and
 * an SMTP server. Either may be left out; its notices are then recorded as skipped. Kept in a file
 * of its own (0600): it holds the provider's key and the SMTP password.
 */
export const notifyConfigSchema = z.object({
  /** Lookup link with `{code}` where the dossier code goes. */
  lookupUrlTemplate: z.string().includes('{code}'),
  sms: z
    .object({
      url: z.url(),
      apiKey: z.string().min(1),
      secretKey: z.string().min(1),
      brandname: z.string().min(1).max(11),
      /** Send with tone marks (UCS-2) when it fits; otherwise GSM-7 without them. */
      unicode: z.boolean().default(false),
      /** No notice is billed more parts than this. */
      maxSegments: z.number().int().min(1).max(10).default(2),
      timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
    })
    .optional(),
  email: z
    .object({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535),
      /** TLS from the start (465); otherwise STARTTLS when the server offers it. */
      secure: z.boolean().default(false),
      user: z.string().optional(),
      password: z.string().optional(),
      from: z.string().min(3),
      timeoutMs: z.number().int().min(100).max(120_000).default(15_000),
    })
    .optional(),
});
export type NotifyConfig = z.infer<typeof notifyConfigSchema>;
export type NotifyConfigInput = z.input<typeof notifyConfigSchema>;

export class NotifyConfigError extends Error {}

export function readNotifyConfig(file: string): NotifyConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new NotifyConfigError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = notifyConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new NotifyConfigError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}
