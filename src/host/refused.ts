/**
 * A frame the browser refused to show (the platform's `frame-ancestors` or `X-Frame-Options` do
 * not allow this page) still fires `load`, with an error page that never posts a message; no
 * engine tells the embedding page anything else (the frame's location and document are
 * cross-origin either way). A frameport guest announces itself while its page loads, so a frame
 * that has loaded and stays silent for `grace` ms is most likely refused: `onSilent` then
 * explains it long before the handshake timeout. Only until the frame first speaks.
 */
export function watchSilentFrame(
  iframe: HTMLIFrameElement,
  grace: number,
  onSilent: () => void,
): { spoke(): void; stop(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watching = true;
  const onLoad = () => {
    try {
      // The initial about:blank document (same-origin, so readable) is not the embed.
      if (iframe.contentDocument?.URL === 'about:blank') return;
    } catch {
      // cross-origin: the embed's document or the browser's error page
    }
    clearTimeout(timer);
    timer = setTimeout(onSilent, grace);
  };
  // Called for every message from the frame: free after the first (a flood must cost nothing).
  const stop = () => {
    if (!watching) return;
    watching = false;
    clearTimeout(timer);
    iframe.removeEventListener('load', onLoad);
  };
  iframe.addEventListener('load', onLoad);
  return { spoke: stop, stop };
}
