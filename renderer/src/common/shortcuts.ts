import { useEffect, useRef } from 'react';
import { uiText } from '../../../shared/i18n/vi';

/**
 * The counter's keyboard shortcuts (issue 13 point 2). Function keys, plus Ctrl+P and Ctrl+F that the
 * page takes from Chromium (printing the page or finding in it means nothing in this app); none of
 * them is one Electron or the OS keeps for itself. "?" opens the help only outside a text field.
 */
export type ShortcutAction = 'help' | 'newDossier' | 'focusCard' | 'check' | 'accept' | 'printReceipt' | 'openReturn' | 'openLookup';

interface Shortcut {
  action: ShortcutAction;
  keys: string;
  matches: (event: ShortcutKey) => boolean;
}

export type ShortcutKey = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'> & { target: EventTarget | null };

const plain = (key: string) => (e: ShortcutKey) => e.key === key && !e.ctrlKey && !e.metaKey && !e.altKey;
const withCtrl = (key: string) => (e: ShortcutKey) => (e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === key;

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.matches('input, textarea, select');
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'help', keys: 'F1', matches: (e) => plain('F1')(e) || (e.key === '?' && !e.ctrlKey && !e.altKey && !inTextField(e.target)) },
  { action: 'newDossier', keys: 'F2', matches: plain('F2') },
  { action: 'focusCard', keys: 'F3', matches: plain('F3') },
  { action: 'check', keys: 'F4', matches: plain('F4') },
  { action: 'accept', keys: 'F9', matches: plain('F9') },
  { action: 'printReceipt', keys: 'Ctrl+P', matches: withCtrl('p') },
  { action: 'openReturn', keys: 'F6', matches: plain('F6') },
  { action: 'openLookup', keys: 'Ctrl+F', matches: withCtrl('f') },
];

export function shortcutFor(event: ShortcutKey): ShortcutAction | null {
  return SHORTCUTS.find((shortcut) => shortcut.matches(event))?.action ?? null;
}

export function keysOf(action: ShortcutAction): string {
  return SHORTCUTS.find((shortcut) => shortcut.action === action)?.keys ?? '';
}

/** "Tiếp nhận hồ sơ (F9)": what a tooltip says about a button with a shortcut. */
export function shortcutHint(action: ShortcutAction): string {
  return `${uiText.shell.shortcuts[action]} (${keysOf(action)})`;
}

const EVENT = 'quay:shortcut';

/** The workspace hears the keys and announces the action; the screen that owns it acts on it. */
export function announceShortcut(action: ShortcutAction): void {
  window.dispatchEvent(new CustomEvent<ShortcutAction>(EVENT, { detail: action }));
}

export function useShortcutKeys(onAction: (action: ShortcutAction) => void, enabled: boolean): void {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      const action = shortcutFor(event);
      if (!action) return;
      event.preventDefault();
      handler.current(action);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}

export function useShortcut(action: ShortcutAction, onAction: () => void, enabled: boolean): void {
  const handler = useRef(onAction);
  useEffect(() => {
    handler.current = onAction;
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: Event) => {
      if ((event as CustomEvent<ShortcutAction>).detail === action) handler.current();
    };
    window.addEventListener(EVENT, listener);
    return () => window.removeEventListener(EVENT, listener);
  }, [action, enabled]);
}
