import { useCallback, useEffect, useRef, useState } from 'react';
import type { PageView } from '../../../../shared/digitize/page-view';
import type { ScanProfileEntry, ScanSettings } from '../../../../shared/digitize/scan-settings';
import type { ChannelOutput } from '../../../../shared/ipc/contract';
import { formatMessage, uiText } from '../../../../shared/i18n/vi';
import { api } from '../../api';

type Scanner = ChannelOutput<'scan.scanners'>[number];

export interface ScanSession {
  sessionId: string | null;
  pages: PageView[];
  scanners: Scanner[];
  scanner: Scanner | null;
  chooseScanner: (scanner: Scanner | null) => void;
  /** The admin's profiles; the counter's default one is chosen first. */
  profiles: ScanProfileEntry[];
  profile: ScanProfileEntry | null;
  chooseProfile: (profile: ScanProfileEntry | null) => void;
  /** The slot a scan is running into, with the pages captured so far. */
  scanning: { componentCode: string; captured: number } | null;
  notice: { type: 'success' | 'error'; text: string } | null;
  error: string | null;
  slot: (componentCode: string) => PageView[];
  scan: (componentCode: string, insertAt?: number | null) => Promise<void>;
  stop: () => void;
  rotate: (pageId: string, quarterTurns: number) => Promise<void>;
  reorder: (componentCode: string, pageIds: string[]) => Promise<void>;
  move: (pageIds: string[], toComponent: string) => Promise<void>;
  remove: (pageId: string) => Promise<void>;
  /** Starting over: the pages captured for the abandoned draft are removed, so the next citizen's session opens empty. */
  discardAll: () => Promise<void>;
}

/** The admin's default scanner when it is connected now, else the first one found. */
function preferred(found: Scanner[], settings: ScanSettings | null): Scanner | null {
  const wanted = settings?.defaultScanner;
  return found.find((s) => wanted && s.kind === wanted.kind && s.id === wanted.id) ?? found[0] ?? null;
}

function merge(pages: PageView[], page: PageView, removed: boolean): PageView[] {
  const others = pages.filter((p) => p.id !== page.id);
  return removed ? others : [...others, page];
}

/**
 * The scan session of the dossier being received: opened when the procedure is chosen (a restart
 * finds the pages captured before it), kept current by the core's scan.page events and by the
 * answers of every edit.
 */
export function useScanSession(procedureCode: string | null): ScanSession {
  const [sessionId, setSessionId] = useState<string | null>(null);
  const [pages, setPages] = useState<PageView[]>([]);
  const [scanners, setScanners] = useState<Scanner[]>([]);
  const [scanner, chooseScanner] = useState<Scanner | null>(null);
  const [profiles, setProfiles] = useState<ScanProfileEntry[]>([]);
  const [profile, chooseProfile] = useState<ScanProfileEntry | null>(null);
  const [scanning, setScanning] = useState<ScanSession['scanning']>(null);
  const [notice, setNotice] = useState<ScanSession['notice']>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<string | null>(null);
  current.current = sessionId;

  useEffect(() => {
    setPages([]);
    setSessionId(null);
    setNotice(null);
    if (!procedureCode) return;
    let stale = false;
    void (async () => {
      const [opened, found, settings] = await Promise.all([
        api.scan.openSession({ procedureCode }),
        api.scan.scanners({}),
        api.devices.scanSettings({}),
      ]);
      if (stale) return;
      if (!opened.ok) return setError(opened.error.message);
      setSessionId(opened.value.sessionId);
      setPages(opened.value.pages);
      const stored = settings.ok ? settings.value : null;
      if (stored) {
        setProfiles(stored.profiles);
        chooseProfile(
          (chosen) =>
            stored.profiles.find((p) => p.id === chosen?.id) ??
            stored.profiles.find((p) => p.id === stored.defaultProfileId) ??
            stored.profiles[0] ??
            null,
        );
      }
      if (found.ok) {
        setScanners(found.value);
        chooseScanner((chosen) => chosen ?? preferred(found.value, stored));
      }
    })();
    return () => {
      stale = true;
    };
  }, [procedureCode]);

  useEffect(() => {
    const offPage = api.on('scan.page', ({ page, removed }) => {
      if (page.sessionId === current.current) setPages((list) => merge(list, page, removed));
    });
    const offProgress = api.on('scan.progress', ({ sessionId: id, captured }) => {
      if (id === current.current) setScanning((s) => (s ? { ...s, captured } : s));
    });
    return () => {
      offPage();
      offProgress();
    };
  }, []);

  const refresh = useCallback(async (id: string) => {
    const result = await api.pages.list({ sessionId: id });
    if (result.ok) setPages(result.value);
  }, []);

  const slot = useCallback(
    (componentCode: string) => pages.filter((p) => p.componentCode === componentCode).sort((a, b) => a.position - b.position),
    [pages],
  );

  async function scan(componentCode: string, insertAt: number | null = null) {
    if (!sessionId || !scanner) return;
    setError(null);
    setNotice(null);
    setScanning({ componentCode, captured: 0 });
    const chosen = profile ? { resolutionDpi: profile.resolutionDpi, colorMode: profile.colorMode, source: profile.source } : undefined;
    const result = await api.scan.start({
      sessionId,
      componentCode,
      scanner: { kind: scanner.kind, id: scanner.id },
      profile: chosen,
      insertAt,
    });
    setScanning(null);
    await refresh(sessionId);
    if (!result.ok) return setError(result.error.message);
    const { captured, separators, error: fault, skipped = [] } = result.value;
    const done = formatMessage(uiText.digitize.editor.scanDone, { count: captured });
    const removed = separators > 0 ? ` ${formatMessage(uiText.digitize.editor.separatorsRemoved, { count: separators })}` : '';
    const unreadable = skipped.map((s) => ` ${s.message}`).join('');
    setNotice(
      fault || unreadable
        ? { type: 'error', text: `${fault ? `${fault.message} ` : ''}${done}${removed}${unreadable}` }
        : { type: 'success', text: done + removed },
    );
  }

  async function edit(call: () => Promise<{ ok: true } | { ok: false; error: { message: string } }>) {
    setError(null);
    const result = await call();
    if (!result.ok) setError(result.error.message);
    if (sessionId) await refresh(sessionId);
  }

  return {
    sessionId,
    pages,
    scanners,
    scanner,
    chooseScanner,
    profiles,
    profile,
    chooseProfile,
    scanning,
    notice,
    error,
    slot,
    scan,
    stop: () => {
      if (sessionId) void api.scan.cancel({ sessionId });
    },
    rotate: (pageId, quarterTurns) => edit(() => api.pages.rotate({ pageId, quarterTurns })),
    reorder: (componentCode, pageIds) => edit(() => api.pages.reorder({ sessionId: sessionId ?? '', componentCode, pageIds })),
    move: (pageIds, toComponent) => edit(() => api.pages.move({ sessionId: sessionId ?? '', pageIds, toComponent })),
    remove: (pageId) => edit(() => api.pages.remove({ pageId })),
    discardAll: async () => {
      for (const page of pages) await api.pages.remove({ pageId: page.id });
      setPages([]);
    },
  };
}
