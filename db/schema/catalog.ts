import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** The procedure catalogue (danh mục TTHC). Replaced as a whole by an import or a sync pull. */
export const procedures = sqliteTable('procedures', {
  id: text('id').primaryKey(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  sectorCode: text('sector_code').notNull(),
  sectorName: text('sector_name').notNull(),
  level: text('level', { enum: ['province', 'commune', 'district'] }).notNull(),
  durationUnit: text('duration_unit', { enum: ['workingDays', 'workingHours', 'calendarDays', 'sameDay', 'none'] }).notNull(),
  durationValue: real('duration_value').notNull(),
  /** Same-day procedures: the `HH:mm` cut-off when it is not the default 15:00 (docs/domain.md §8.4). */
  durationCutoff: text('duration_cutoff'),
  /** Cơ quan chủ trì giải quyết, when the catalogue names one (register and control slip, docs/domain.md §5.1). */
  leadAgency: text('lead_agency'),
  resultCode: text('result_code'),
  sample: integer('sample', { mode: 'boolean' }).notNull(),
  active: integer('active', { mode: 'boolean' }).notNull().default(true),
  updatedAt: text('updated_at').notNull(),
});

export const procedureComponents = sqliteTable(
  'procedure_components',
  {
    id: text('id').primaryKey(),
    procedureId: text('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    required: integer('required', { mode: 'boolean' }).notNull(),
    originals: integer('originals').notNull(),
    copies: integer('copies').notNull(),
    formTemplate: text('form_template'),
  },
  (t) => [uniqueIndex('procedure_components_code_idx').on(t.procedureId, t.code)],
);

export const procedureFees = sqliteTable(
  'procedure_fees',
  {
    id: text('id').primaryKey(),
    procedureId: text('procedure_id')
      .notNull()
      .references(() => procedures.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: ['phi', 'lePhi'] }).notNull(),
    name: text('name').notNull(),
    amount: integer('amount').notNull(),
  },
  (t) => [index('procedure_fees_procedure_idx').on(t.procedureId)],
);
