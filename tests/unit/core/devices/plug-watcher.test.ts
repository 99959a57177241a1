import { describe, expect, it, vi } from 'vitest';
import type { DeviceInventory } from '../../../../electron/core/devices/device-inventory';
import { PlugWatcher } from '../../../../electron/core/devices/plug-watcher';

const EMPTY: DeviceInventory = { usbPrinters: [], hidReaders: [], serialPorts: [], systemPrinters: [], problems: [] };
const WITH_READER: DeviceInventory = { ...EMPTY, serialPorts: [{ path: '/dev/ttyACM0', name: 'Newland' }] };

/** Ticks are driven by hand; the interval is far longer than any test, so no real timer fires. */
function watcher(lists: DeviceInventory[]) {
  let now = 0;
  const onChange = vi.fn();
  const inventory = vi.fn(async () => lists.shift() ?? EMPTY);
  const plugs = new PlugWatcher({ inventory, onChange, intervalMs: 1e9, windowMs: 60_000, now: () => now });
  return { plugs, onChange, inventory, advance: (ms: number) => (now += ms) };
}

describe('PlugWatcher', () => {
  it('says so once when a reader is plugged in and once when it is pulled out, not while nothing changes', async () => {
    const w = watcher([EMPTY, WITH_READER, WITH_READER, EMPTY]);
    w.plugs.watch(EMPTY);
    await w.plugs.tick();
    expect(w.onChange).not.toHaveBeenCalled();
    await w.plugs.tick();
    expect(w.onChange).toHaveBeenCalledTimes(1);
    await w.plugs.tick();
    expect(w.onChange).toHaveBeenCalledTimes(1);
    await w.plugs.tick();
    expect(w.onChange).toHaveBeenCalledTimes(2);
    w.plugs.stop();
  });

  it('stops probing the buses once nobody has looked at the lists for the window', async () => {
    const w = watcher([WITH_READER]);
    w.plugs.watch(EMPTY);
    w.advance(60_001);
    await w.plugs.tick();
    expect(w.inventory).not.toHaveBeenCalled();
    expect(w.onChange).not.toHaveBeenCalled();
  });

  it('a fresh look at the lists sets the baseline, so what the screen already shows is not announced', async () => {
    const w = watcher([WITH_READER]);
    w.plugs.watch(WITH_READER);
    await w.plugs.tick();
    expect(w.onChange).not.toHaveBeenCalled();
    w.plugs.stop();
  });
});
