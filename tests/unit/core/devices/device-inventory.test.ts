import { describe, expect, it } from 'vitest';
import { inventory } from '../../../../electron/core/devices/device-inventory';
import type { DevicePorts } from '../../../../electron/core/devices/device-ports';

/** A bus that cannot be read is explained to the site's IT person in Vietnamese (issue 13 point 10). */
describe('device inventory problems', () => {
  it('explains an unreadable USB bus in Vietnamese and keeps the system’s words last, for a technician', async () => {
    const ports = {
      usb: { getDevices: () => Promise.reject(new Error('getDevices error: /sys/bus/usb/devices/ not found (errno 2)')) },
      hid: { devices: () => Promise.resolve([]), open: () => Promise.reject(new Error('unused')) },
      serialPorts: () => Promise.resolve([]),
      systemPrinters: { list: () => Promise.resolve([]) },
    } as unknown as DevicePorts;
    const { problems } = await inventory(ports);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^Không đọc được danh sách thiết bị USB của máy/);
    expect(problems[0]).toMatch(/Máy in hóa đơn vẫn dùng được/);
    expect(problems[0]).toMatch(/Chi tiết cho kỹ thuật viên: getDevices error: \/sys\/bus\/usb\/devices\/ not found \(errno 2\)$/);
    expect(problems[0]).not.toMatch(/^USB:/);
  });
});
