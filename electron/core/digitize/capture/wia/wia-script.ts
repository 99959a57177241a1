import type { ScanColorMode, ScanProfile, ScanSource } from '../../types';

/** WIA_IPS_CUR_INTENT (6146): 1 colour, 2 grey, 4 text (black and white). */
const INTENT: Record<ScanColorMode, number> = { color: 1, gray: 2, bw: 4 };
/** WIA_DPS_DOCUMENT_HANDLING_SELECT (3088): 1 feeder, 2 flatbed, 4 duplex. */
const HANDLING: Record<ScanSource, number> = { flatbed: 2, adf: 1, 'adf-duplex': 5 };

export const WIA_PNG_FORMAT = '{B96B3CAF-0728-11D3-9D7B-0000F81EF32E}';

/**
 * The PowerShell side of the WIA driver (docs/devices.md §1.5), written to a temp file and run as its
 * own process per scan, because WIA's Transfer is synchronous and single-threaded COM. It never
 * receives values by text substitution — the device id and folder arrive as arguments — and it
 * reports on stdout one JSON line per event: `device`, `page` (the saved file), `error` (the COM
 * HRESULT) and `done`. Every property write is allowed to fail: some drivers refuse them and
 * scan fine with their defaults.
 */
export const WIA_SCRIPT = String.raw`param(
  [Parameter(Mandatory = $true)][ValidateSet('list', 'scan')][string]$Mode,
  [string]$DeviceId,
  [string]$OutDir,
  [int]$Dpi = 300,
  [int]$Intent = 2,
  [int]$Handling = 2
)
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [System.Text.Encoding]::UTF8

function Emit($Event) {
  [Console]::Out.WriteLine(($Event | ConvertTo-Json -Compress))
  [Console]::Out.Flush()
}

function HResultOf($ErrorRecord) {
  $exception = $ErrorRecord.Exception
  while ($null -ne $exception.InnerException) { $exception = $exception.InnerException }
  return ('0x{0:X8}' -f $exception.HResult)
}

function Set-WiaProperty($Properties, [int]$Id, $Value) {
  try { $Properties.Item([string]$Id).Value = $Value } catch { }
}

try {
  $manager = New-Object -ComObject WIA.DeviceManager
  if ($Mode -eq 'list') {
    foreach ($info in $manager.DeviceInfos) {
      if ($info.Type -eq 1) { Emit @{ event = 'device'; id = $info.DeviceID; name = $info.Properties.Item('Name').Value } }
    }
  } else {
    $found = $null
    foreach ($info in $manager.DeviceInfos) { if ($info.DeviceID -eq $DeviceId) { $found = $info } }
    if ($null -eq $found) { throw [System.Runtime.InteropServices.COMException]::new('No scanner with this id', 0x80210015) }
    $device = $found.Connect()
    Set-WiaProperty $device.Properties 3088 $Handling
    if ($Handling -ne 2) { Set-WiaProperty $device.Properties 3096 0 }
    $item = $device.Items.Item(1)
    Set-WiaProperty $item.Properties 6146 $Intent
    Set-WiaProperty $item.Properties 6147 $Dpi
    Set-WiaProperty $item.Properties 6148 $Dpi
    $index = 0
    while ($true) {
      try {
        $image = $item.Transfer('${WIA_PNG_FORMAT}')
      } catch {
        Emit @{ event = 'error'; hresult = (HResultOf $_); message = $_.Exception.Message }
        break
      }
      $path = Join-Path $OutDir ('page-{0:D4}.{1}' -f $index, $image.FileExtension)
      $image.SaveFile($path)
      Emit @{ event = 'page'; index = $index; path = $path }
      $index++
      if ($Handling -eq 2) { break }
    }
  }
} catch {
  Emit @{ event = 'error'; hresult = (HResultOf $_); message = $_.Exception.Message }
}
Emit @{ event = 'done' }
`;

export function powershellArgs(scriptPath: string, scriptArgs: string[]): string[] {
  return ['-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', scriptPath, ...scriptArgs];
}

export function wiaListArgs(): string[] {
  return ['-Mode', 'list'];
}

export function wiaScanArgs(deviceId: string, outDir: string, profile: ScanProfile): string[] {
  return [
    '-Mode',
    'scan',
    '-DeviceId',
    deviceId,
    '-OutDir',
    outDir,
    '-Dpi',
    String(profile.resolutionDpi),
    '-Intent',
    String(INTENT[profile.colorMode]),
    '-Handling',
    String(HANDLING[profile.source]),
  ];
}
