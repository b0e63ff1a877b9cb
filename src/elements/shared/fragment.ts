/**
 * A secret that arrives in the address's fragment (a sign-in link's `#ciam_link=`, an invitation's
 * `#ciam_invite=`): read, then taken out of the address bar at once, so a reload, a bookmark or a shared
 * screen does not carry it. The rest of the fragment stays. Loaded with the landing and the switcher, not
 * with the first paint.
 */
export function takeFromFragment(name: string, value: RegExp = /[A-Za-z0-9_-]+/): string | null {
  const found = new RegExp(`(?:^#|&)${name}=(${value.source})(?=&|$)`).exec(location.hash)?.[1];
  if (!found) return null;
  const rest = location.hash
    .slice(1)
    .split('&')
    .filter((part) => !part.startsWith(`${name}=`))
    .join('&');
  history.replaceState(history.state, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
  return found;
}
