ALTER TABLE `procedures` ADD `lead_agency` text;--> statement-breakpoint
/* Reception snapshot (docs/domain.md §5.4): dossiers received before it get the site as configured now, which is what every print of them used until now, so a later rename or switch of form set leaves their reprints as they were. */
UPDATE `dossiers` SET `view` = json_set(`view`, '$.site', json((
  SELECT json_object(
    'agencyCode', json_extract(s.`value`, '$.agencyCode'),
    'agencyName', json_extract(s.`value`, '$.agencyName'),
    'unitName', json_extract(s.`value`, '$.unitName'),
    'place', json_extract(s.`value`, '$.place'),
    'hotline', coalesce(json_extract(s.`value`, '$.hotline'), ''),
    'lookupUrlTemplate', coalesce(json_extract(s.`value`, '$.lookupUrlTemplate'), ''),
    'formSet', coalesce(json_extract(s.`value`, '$.formSet'), '2018'))
  FROM `settings` s WHERE s.`key` = 'site')))
WHERE json_valid(`view`) AND json_type(`view`, '$.id') = 'text' AND json_type(`view`, '$.site') IS NULL
  AND EXISTS (SELECT 1 FROM `settings` s WHERE s.`key` = 'site' AND json_valid(s.`value`)
    AND json_type(s.`value`, '$.agencyCode') = 'text' AND json_type(s.`value`, '$.agencyName') = 'text'
    AND json_type(s.`value`, '$.unitName') = 'text' AND json_type(s.`value`, '$.place') = 'text');
--> statement-breakpoint
/* The form set chosen by hand becomes a schedule of one period from 2018-01-01; the admin adds the date the next set starts. */
UPDATE `settings` SET `value` = json_set(json_remove(`value`, '$.formSet'), '$.formSets',
  json_array(json_object('set', json_extract(`value`, '$.formSet'), 'from', '2018-01-01')))
WHERE `key` = 'site' AND json_valid(`value`) AND json_extract(`value`, '$.formSet') IN ('2018', '2025');
