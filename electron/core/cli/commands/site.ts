import { parseArgs } from 'node:util';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import type { Site } from '../../../../shared/reception/dossier-view';
import { createCore } from '../../create-core';
import { configuredSiteSchema } from '../../site/site-service';
import { cliActor } from '../cli-actor';
import type { CliCommand } from '../cli-command';

const FLAGS = {
  'agency-code': 'agencyCode',
  'agency-name': 'agencyName',
  'unit-name': 'unitName',
  place: 'place',
  hotline: 'hotline',
  'lookup-url': 'lookupUrlTemplate',
  'form-set': 'formSet',
} as const satisfies Record<string, keyof Site>;

type Flag = keyof typeof FLAGS;

function siteInvalid(fields: string[]): AppError {
  return new AppError('SITE_INVALID', { details: fields.map((field) => uiText.cli.siteFlagHints[field] ?? field).join('; ') });
}

/**
 * Only the flags given change; the merged site goes through the same SiteService.update as the
 * admin screen (validation, audit). The screen's own check that the lookup URL holds `{code}` is
 * repeated here, since the service accepts any template.
 */
function changesFrom(values: Partial<Record<Flag, string>>): Partial<Site> {
  const changes: Record<string, string> = {};
  for (const [flag, field] of Object.entries(FLAGS) as [Flag, keyof Site][]) {
    const value = values[flag];
    if (value !== undefined) changes[field] = value.trim();
  }
  if (changes.formSet !== undefined && changes.formSet !== '2018' && changes.formSet !== '2025') throw siteInvalid(['formSet']);
  if (changes.lookupUrlTemplate && !changes.lookupUrlTemplate.includes('{code}')) throw siteInvalid(['lookupUrlTemplate']);
  return changes as Partial<Site>;
}

/** `quay site set|show`: the receiving site's identity without the admin screen, for site IT. */
export const siteCommand: CliCommand = async (args, { io, dataDir, resourcesDir, appVersion, clock, atRestSecret }) => {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      ...(Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' }])) as Record<Flag, { type: 'string' }>),
      json: { type: 'boolean', default: false },
    },
  });
  const action = positionals.join(' ');
  if (action !== 'set' && action !== 'show') throw new AppError('CLI_USAGE', { details: `site ${action}`.trim() });
  const changes = action === 'set' ? changesFrom(values) : {};
  if (action === 'set' && Object.keys(changes).length === 0)
    throw new AppError('CLI_USAGE', { details: 'site set cần ít nhất một thông tin, ví dụ --agency-code' });
  const core = await createCore({
    dataDir,
    dataAtRestSecret: atRestSecret,
    resourcesDir,
    appVersion,
    clock,
    idleSweepMs: null,
    sync: { background: false },
  });
  try {
    if (action === 'show') {
      const site = core.services.site.get();
      const configured = configuredSiteSchema.safeParse(site).success;
      if (values.json) io.out(JSON.stringify({ ...site, configured }, null, 2));
      else if (!configured) io.out(uiText.cli.siteNotConfigured);
      else io.out(formatMessage(uiText.cli.siteShown, { ...site, lookupUrlTemplate: site.lookupUrlTemplate || '—' }));
      return 0;
    }
    let site: Site;
    try {
      site = core.services.site.update(cliActor(), changes);
    } catch (error) {
      if (error instanceof AppError && error.code === 'SITE_INVALID') throw siteInvalid(String(error.params.details ?? '').split(', '));
      throw error;
    }
    io.out(formatMessage(uiText.cli.siteSaved, site));
    return 0;
  } finally {
    await core.close();
  }
};
