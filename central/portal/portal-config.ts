import fs from 'node:fs';
import { z } from 'zod';

/**
 * How the gateway reaches the national portal (DVCQG) or the provincial LGSP in front of it, in the
 * OpenCPS convention (docs/domain.md §2.1): `POST {adapterUrl}{authPath}` with user name and password
 * and a `dstcode` header gives a session, which every operation at `{adapterUrl}{integrationPath}`
 * carries with `madonvi`. Kept in a file of its own (0600) because it holds the password.
 */
export const dvcqgPortalConfigSchema = z.object({
  adapterUrl: z.url(),
  authPath: z.string().startsWith('/').default('/auth'),
  integrationPath: z.string().startsWith('/').default('/integration'),
  username: z.string().min(1),
  password: z.string().min(1),
  dstcode: z.string().min(1),
  /** The province's unit code on the portal. */
  madonvi: z.string().min(1),
  /** A call without an answer after this long counts as failed and is tried again later. */
  timeoutMs: z.number().int().min(100).max(300_000).default(30_000),
  /** Public base URL under which the gateway serves a file by sha256 (DuongDanTaiTepTin). */
  fileBaseUrl: z.url(),
  /**
   * The agency whose counters check the dossiers citizens file online with this portal account (issue 15 §1,
   * central/portal/portal-intake.ts); absent, the gateway does not fetch online submissions.
   */
  onlineIntakeAgency: z.string().min(1).max(50).optional(),
});
export type DvcqgPortalConfig = z.infer<typeof dvcqgPortalConfigSchema>;
export type DvcqgPortalConfigInput = z.input<typeof dvcqgPortalConfigSchema>;

export class PortalConfigError extends Error {}

export function readDvcqgPortalConfig(file: string): DvcqgPortalConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new PortalConfigError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = dvcqgPortalConfigSchema.safeParse(raw);
  if (!parsed.success)
    throw new PortalConfigError(`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return parsed.data;
}
