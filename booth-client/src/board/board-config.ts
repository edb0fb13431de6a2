/**
 * The queue board's device token: the point's booth token, given once in the URL
 * (`/booth/board.html?deviceToken=…`) and kept in localStorage under its own key (a board and
 * a kiosk may share a browser profile); the token is then removed from the visible URL.
 */
const storageKey = 'etapiste.board.deviceToken';

let cached: string | null | undefined;

export function boardDeviceToken(): string | null {
  if (cached !== undefined) return cached;
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('deviceToken');
  let token = fromUrl;
  try {
    if (fromUrl) localStorage.setItem(storageKey, fromUrl);
    else token = localStorage.getItem(storageKey);
  } catch {
    // Private mode: the token lasts for this page only.
  }
  if (fromUrl !== null) {
    url.searchParams.delete('deviceToken');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  }
  cached = token || null;
  return cached;
}
