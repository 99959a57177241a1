import { parseArgs } from 'node:util';
import { parseIsoDate } from '../../../../shared/domain/local-date';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import { createCore } from '../../create-core';
import type { SequenceBlock } from '../../site/sequence-service';
import { cliActor } from '../cli-actor';
import type { CliCommand } from '../cli-command';
import { cliCoreOptions } from '../cli-core';

/** A whole number as typed; anything else becomes NaN so the service's own range check answers. */
function wholeNumber(value: string | undefined, flag: string): number {
  if (value === undefined) throw new AppError('CLI_USAGE', { details: `thiếu ${flag}` });
  return /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
}

function sourceLabel(block: Pick<SequenceBlock, 'source'>): string {
  return uiText.sequenceAdmin.sources[block.source];
}

/**
 * `quay sequence add|status`: the counter's daily dossier numbers (docs/domain.md §4) without the admin
 * screen. Blocks go through SequenceService.addBlock, so overlaps and ranges are refused exactly as
 * on the screen and every block is audited.
 */
export const sequenceCommand: CliCommand = async (args, context) => {
  const { io } = context;
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      date: { type: 'string' },
      first: { type: 'string' },
      last: { type: 'string' },
      emergency: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  const action = positionals.join(' ');
  if (action !== 'add' && action !== 'status') throw new AppError('CLI_USAGE', { details: `sequence ${action}`.trim() });
  if (action === 'add' && !values.date) throw new AppError('CLI_USAGE', { details: 'thiếu --date' });
  if (action === 'status' && values.date !== undefined && !parseIsoDate(values.date))
    throw new AppError('SEQUENCE_DATE_INVALID', { value: values.date });
  const block = action === 'add' ? { first: wholeNumber(values.first, '--first'), last: wholeNumber(values.last, '--last') } : null;
  const core = await createCore(cliCoreOptions(context));
  try {
    const { agencyCode } = core.services.site.requireConfigured();
    if (block) {
      const source = values.emergency ? 'emergency' : 'admin';
      const added = core.services.sequences.addBlock(cliActor(), agencyCode, { date: values.date!, ...block, source });
      io.out(
        formatMessage(uiText.cli.sequenceAdded, {
          first: added.first,
          last: added.last,
          date: added.date ?? uiText.sequenceAdmin.everyDay,
          source: sourceLabel(added),
          agencyCode,
        }),
      );
      return 0;
    }
    const date = values.date ?? core.services.reception.today();
    const day = core.services.sequences.status(agencyCode, date);
    const blocks = core.services.sequences.blocks(agencyCode);
    if (values.json) {
      io.out(JSON.stringify({ agencyCode, day, blocks }, null, 2));
      return 0;
    }
    io.out(
      formatMessage(uiText.cli.sequenceDay, {
        date,
        agencyCode,
        remaining: day.remaining,
        total: day.total,
        low: day.low && day.total > 0 ? uiText.cli.sequenceLow : '',
      }),
    );
    io.out(uiText.cli.sequenceBlocks);
    if (blocks.length === 0) io.out(uiText.cli.sequenceNoBlocks);
    for (const b of blocks)
      io.out(
        formatMessage(uiText.cli.sequenceBlockLine, {
          date: b.date ?? uiText.sequenceAdmin.everyDay,
          first: b.first,
          last: b.last,
          source: sourceLabel(b),
        }),
      );
    return 0;
  } finally {
    await core.close();
  }
};
