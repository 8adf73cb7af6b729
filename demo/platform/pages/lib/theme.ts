/**
 * The host's SET_SETTINGS `theme` (`light` or `dark`) as `data-theme` on `<html>`: embed.css picks
 * its colours from it, so a theme change applies at once, without a reload. Without one the page
 * follows `prefers-color-scheme`.
 */
export function applyTheme(theme: string | undefined): void {
  const root = document.documentElement;
  if (theme === 'light' || theme === 'dark') root.dataset['theme'] = theme;
  else delete root.dataset['theme'];
}
