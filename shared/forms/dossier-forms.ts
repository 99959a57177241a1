import type { DossierView, Site } from '../reception/dossier-view';
import type { ControlSlipInput } from './types';

/**
 * The site a dossier's own documents (receipt, control slip) print with: the snapshot taken at
 * reception, so a reprint after a rename or a change of form set reads as the original
 * (docs/domain.md §5.4); the current site only for views that carry no snapshot.
 */
export function dossierSite(dossier: DossierView, current: Site): Site {
  return dossier.site ?? current;
}

/** Cơ quan chủ trì giải quyết: the catalogue's when it names one, otherwise the receiving agency itself. */
export function leadAgencyOf(dossier: DossierView, site: Site): string {
  return dossier.procedure.leadAgency ?? site.agencyName;
}

/**
 * The control slip as printed at reception: the lead agency filled in, every hand-over row left blank
 * for the officers who sign it along the way (docs/domain.md §5.1).
 */
export function controlSlipOf(dossier: DossierView, site: Site): Omit<ControlSlipInput, 'site'> {
  return { dossier, leadAgency: leadAgencyOf(dossier, site), coAgencies: [], steps: [] };
}
