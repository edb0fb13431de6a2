import type { BoothCameraConfig } from '@etapiste/shared/client';

/**
 * The kiosk's configuration: its device token and which cameras to use. Given once in the
 * URL (`/booth/?deviceToken=…&faceCamera=…&documentCamera=…`) and kept in localStorage; the
 * token is then removed from the visible URL.
 */
export interface KioskConfig {
  deviceToken: string | null;
  camera: BoothCameraConfig;
}

const storageKeys = {
  deviceToken: 'etapiste.booth.deviceToken',
  faceCamera: 'etapiste.booth.faceCamera',
  documentCamera: 'etapiste.booth.documentCamera',
} as const;
type Setting = keyof typeof storageKeys;

let cached: KioskConfig | null = null;

function readSetting(params: URLSearchParams, setting: Setting): string | null {
  const fromUrl = params.get(setting);
  try {
    if (fromUrl) localStorage.setItem(storageKeys[setting], fromUrl);
    return fromUrl || localStorage.getItem(storageKeys[setting]);
  } catch {
    return fromUrl;
  }
}

export function kioskConfig(): KioskConfig {
  if (cached) return cached;
  const url = new URL(window.location.href);
  const deviceToken = readSetting(url.searchParams, 'deviceToken');
  const faceCamera = readSetting(url.searchParams, 'faceCamera');
  const documentCamera = readSetting(url.searchParams, 'documentCamera');
  if (url.searchParams.has('deviceToken')) {
    url.searchParams.delete('deviceToken');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  cached = {
    deviceToken,
    camera: {
      ...(faceCamera ? { faceCameraLabel: faceCamera } : {}),
      ...(documentCamera ? { documentCameraLabel: documentCamera } : {}),
    },
  };
  return cached;
}
