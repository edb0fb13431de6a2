import type { BoothCameraConfig } from '@etapiste/shared/client';

/**
 * The kiosk's configuration: its device token and which cameras to use. Given once in the
 * URL (`/booth/?deviceToken=…&faceCamera=…&documentCamera=…`) and kept in localStorage; the
 * token is then removed from the visible URL.
 */
export interface KioskConfig {
  deviceToken: string | null;
  camera: BoothCameraConfig;
  /** The booth computer's device bridge (`bridge=http://127.0.0.1:8765&bridgeToken=…`); null when the booth has none. */
  bridge: { url: string; token: string } | null;
}

const storageKeys = {
  deviceToken: 'etapiste.booth.deviceToken',
  faceCamera: 'etapiste.booth.faceCamera',
  documentCamera: 'etapiste.booth.documentCamera',
  bridge: 'etapiste.booth.bridge',
  bridgeToken: 'etapiste.booth.bridgeToken',
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
  const bridgeUrl = readSetting(url.searchParams, 'bridge');
  const bridgeToken = readSetting(url.searchParams, 'bridgeToken');
  if (url.searchParams.has('deviceToken') || url.searchParams.has('bridgeToken')) {
    url.searchParams.delete('deviceToken');
    url.searchParams.delete('bridgeToken');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  cached = {
    deviceToken,
    camera: {
      ...(faceCamera ? { faceCameraLabel: faceCamera } : {}),
      ...(documentCamera ? { documentCameraLabel: documentCamera } : {}),
    },
    bridge: bridgeUrl && bridgeToken && /^http:\/\/(127\.0\.0\.1|localhost):\d+$/.test(bridgeUrl) ? { url: bridgeUrl, token: bridgeToken } : null,
  };
  return cached;
}
