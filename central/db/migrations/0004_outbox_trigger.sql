-- Every recorded dossier event owes the national portal its progress entry (and, at reception, the
-- dossier itself) and may owe the applicant a notice; writing those rows here, in the transaction
-- that records the event, means no path that records an event can forget them (docs/architecture.md §8).
CREATE FUNCTION enqueue_dossier_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.type = 'received' THEN
    INSERT INTO dvcqg_outbox (dossier_code, event_id, operation) VALUES (NEW.dossier_code, NEW.id, 'DongBoHoSoMC') ON CONFLICT DO NOTHING;
  END IF;
  INSERT INTO dvcqg_outbox (dossier_code, event_id, operation) VALUES (NEW.dossier_code, NEW.id, 'CapNhatTienDoHoSoMC') ON CONFLICT DO NOTHING;
  INSERT INTO notification_outbox (dossier_code, event_id, channel) VALUES (NEW.dossier_code, NEW.id, 'sms'), (NEW.dossier_code, NEW.id, 'email') ON CONFLICT DO NOTHING;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dossier_events_enqueue AFTER INSERT ON dossier_events FOR EACH ROW EXECUTE FUNCTION enqueue_dossier_event();
