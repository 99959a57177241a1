import { useEffect, useState } from 'react';
import type { WedgeSettings } from '../../../../shared/devices/device-settings';
import { WEDGE_DEFAULTS } from '../../../../shared/devices/wedge';
import { api } from '../../api';

/** The site's keyboard-wedge timing and framing from the device settings; the defaults until loaded. */
export function useWedgeSettings(): WedgeSettings {
  const [settings, setSettings] = useState<WedgeSettings>(WEDGE_DEFAULTS);
  useEffect(() => {
    let live = true;
    void api.devices.settings().then((result) => {
      if (live && result.ok) setSettings(result.value.wedge);
    });
    return () => {
      live = false;
    };
  }, []);
  return settings;
}
