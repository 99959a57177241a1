import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/test-core';
import { checkRooms, importCircles, roomOf, roomRule } from './core-rooms';

const coreDir = path.join(repoRoot, 'electron', 'core');

describe('rooms of electron/core (docs/architecture.md §3.2)', () => {
  it('import only the rooms the table allows', () => {
    const { violations, filesChecked } = checkRooms(coreDir);
    expect(filesChecked).toBeGreaterThan(100);
    expect(violations).toEqual([]);
  });

  it('have no import circles between files', () => {
    expect(importCircles(coreDir)).toEqual([]);
  });

  it('name a room by its first folder, and the composition root by its file', () => {
    expect(roomOf('reception/reception-service.ts')).toBe('reception');
    expect(roomOf('digitize/capture/escl/escl-driver.ts')).toBe('digitize');
    expect(roomOf('create-core.ts')).toBe('create-core');
    expect(roomOf('forms')).toBe('forms');
  });

  it('refuse a feature room reaching into the IPC layer, an entry point or an unknown room', () => {
    expect(roomRule('reception/reception-service.ts', 'ipc/dispatcher')).toBe('reception/ may not import ipc');
    expect(roomRule('printing/index.ts', 'forms')).toBe('printing/ may not import forms');
    expect(roomRule('sync/puller.ts', 'create-core')).toBe('sync/ may not import create-core');
    expect(roomRule('services/x.ts', 'platform/clock')).toBe('services/ is not a room of docs/architecture.md §3.2');
    expect(roomRule('reception/x.ts', 'adapters/file-store')).toBe('adapters is not a room of docs/architecture.md §3.2');
  });

  it('let a room use its own files, the platform and the rooms listed for it', () => {
    expect(roomRule('return/return-service.ts', 'reception/reception-service')).toBeNull();
    expect(roomRule('return/return-service.ts', 'return/other')).toBeNull();
    expect(roomRule('cli/commands/print.ts', 'create-core')).toBeNull();
  });
});
