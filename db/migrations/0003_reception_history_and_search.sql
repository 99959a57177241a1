-- A dossier's history is append-only, like the audit log: it is the legal record of its processing.
CREATE TRIGGER `dossier_events_no_update` BEFORE UPDATE ON `dossier_events`
BEGIN
	SELECT RAISE(ABORT, 'dossier_events is append-only');
END;
--> statement-breakpoint
CREATE TRIGGER `dossier_events_no_delete` BEFORE DELETE ON `dossier_events`
BEGIN
	SELECT RAISE(ABORT, 'dossier_events is append-only');
END;
--> statement-breakpoint
-- Full-text index over the folded search text (names without tones, đ→d, codes, procedure names).
CREATE VIRTUAL TABLE `dossier_search` USING fts5(
	search_text,
	content='dossiers',
	content_rowid='rowid',
	tokenize='unicode61 remove_diacritics 0',
	prefix='1 2 3'
);
--> statement-breakpoint
CREATE TRIGGER `dossiers_search_insert` AFTER INSERT ON `dossiers`
BEGIN
	INSERT INTO dossier_search(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `dossiers_search_delete` AFTER DELETE ON `dossiers`
BEGIN
	INSERT INTO dossier_search(dossier_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
END;
--> statement-breakpoint
CREATE TRIGGER `dossiers_search_update` AFTER UPDATE OF search_text ON `dossiers`
BEGIN
	INSERT INTO dossier_search(dossier_search, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);
	INSERT INTO dossier_search(rowid, search_text) VALUES (new.rowid, new.search_text);
END;
