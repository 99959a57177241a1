import { z } from 'zod';

/**
 * A procedure of the catalogue (danh mục TTHC) as the app stores, imports and shows it. The schema
 * validates imported catalogue files; limits are generous so a real provincial catalogue fits.
 */
export const agencyLevels = ['province', 'commune', 'district'] as const;
export const durationUnits = ['workingDays', 'workingHours', 'calendarDays', 'sameDay', 'none'] as const;
export const feeKinds = ['phi', 'lePhi'] as const;

const text = (max: number) => z.string().trim().min(1).max(max);

export const procedureComponentSchema = z.object({
  /** Mã thành phần hồ sơ, unique within the procedure. */
  code: text(64),
  name: text(1000),
  required: z.boolean(),
  originals: z.number().int().min(0).max(99).default(1),
  copies: z.number().int().min(0).max(99).default(0),
  /** Name of the declaration form (tờ khai) the citizen fills, when there is one. */
  formTemplate: z.string().trim().max(200).nullable().default(null),
});
export type ProcedureComponent = z.infer<typeof procedureComponentSchema>;

export const procedureFeeSchema = z.object({
  kind: z.enum(feeKinds),
  name: text(500),
  /** Integer đồng; 0 means free of charge. */
  amount: z.number().int().min(0).max(1_000_000_000_000),
});
export type ProcedureFee = z.infer<typeof procedureFeeSchema>;

export const procedureSchema = z
  .object({
    /** Mã TTHC, e.g. `1.001193.000.00.00.H56`. */
    code: text(64),
    name: text(1000),
    sectorCode: z.string().trim().max(64).default(''),
    sectorName: text(500),
    level: z.enum(agencyLevels),
    duration: z.object({
      unit: z.enum(durationUnits),
      value: z.number().min(0).max(10_000),
      /** Same-day procedures only: the `HH:mm` cut-off, 15:00 when absent (docs/domain.md §8.4). */
      cutoff: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
        .optional(),
    }),
    fees: z.array(procedureFeeSchema).max(50).default([]),
    components: z.array(procedureComponentSchema).max(200),
    /** Cơ quan chủ trì giải quyết, printed on the register and the control slip; the receiving agency when absent. */
    leadAgency: z.string().trim().min(1).max(300).optional(),
    /** The procedure's main result (MaKetQuaChinh), sent with results to DVCQG. */
    resultCode: z.string().trim().max(64).nullable().default(null),
    /** True where the code was not verified against the national catalogue. */
    sample: z.boolean().default(false),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.components.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['components', i, 'code'], message: 'duplicate component code' });
      seen.add(c.code);
    });
    if (p.duration.unit === 'sameDay' && p.duration.value !== 0) {
      ctx.addIssue({ code: 'custom', path: ['duration', 'value'], message: 'a same-day duration has value 0' });
    }
    if (p.duration.unit !== 'sameDay' && p.duration.cutoff !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['duration', 'cutoff'], message: 'only a same-day duration has a cut-off' });
    }
    if (p.duration.unit !== 'none' && p.duration.unit !== 'sameDay' && p.duration.value <= 0) {
      ctx.addIssue({ code: 'custom', path: ['duration', 'value'], message: 'duration must be positive' });
    }
  });
export type Procedure = z.infer<typeof procedureSchema>;

export const catalogFileSchema = z.object({
  version: z.literal(1),
  procedures: z.array(z.unknown()),
});
