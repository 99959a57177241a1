-- 0003 created the full-text index empty and fed it only through triggers, so dossiers received before
-- it (a database written at 0002) were never indexed and the look-up could not find them. Rebuilding
-- reads every dossier's search_text again; on an index that was already complete it changes nothing.
INSERT INTO `dossier_search`(`dossier_search`) VALUES ('rebuild');
