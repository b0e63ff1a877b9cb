/** The demo's pages, for the navigation every page shows. */
export const variants: [href: string, label: string][] = [
  ['/embedded.html', 'Embedded'],
  ['/', 'Redirect'],
  ['/popup.html', 'Popup'],
  ['/session.html', 'Session storage'],
  ['/bff.html', 'Backend (BFF)'],
  ['/react.html', 'React'],
  ['/vue.html', 'Vue'],
  ['/themes.html', 'Themes'],
];
