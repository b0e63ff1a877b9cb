/**
 * Open-redirect vectors: places a hostile attribute or parameter could send
 * the browser (or a code, or a sign-out's state) off the page's origin. Shared
 * by the core check (redirects.test.ts) and the browser check (redirects.spec.ts).
 * `evil.example` never resolves: nothing here leaves 127.0.0.1.
 */
export const offOriginVectors: string[] = [
  'https://evil.example/',
  'http://evil.example/',
  'https://evil.example:443/cb',
  '//evil.example/',
  '///evil.example/',
  '////evil.example/',
  '/\\evil.example/',
  '\\/evil.example/',
  '\\\\evil.example/',
  '/\\/evil.example/',
  ' //evil.example/',
  '\t//evil.example/',
  '/\t/evil.example/',
  'https:evil.example/',
  'https:/\\evil.example/',
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\nscript:alert(1)',
  ' javascript:alert(1)',
  'javascript://%0aalert(1)',
  'data:text/html,<script>alert(1)</script>',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'blob:https://evil.example/1',
  'file:///etc/passwd',
  'https://evil.example%2F@app.test/',
  'https://app.test@evil.example/',
  'https://app.test.evil.example/',
  'https://evil.example\\@app.test/',
  'https://evil。example/',
  'https://еvil.example/', // Cyrillic е
  'https://evil.example%E3%80%82/',
  '%2F%2Fevil.example/',
  '/%2F%2Fevil.example/',
  '/%5Cevil.example/',
  '/.//evil.example/',
  '/..//evil.example/',
  'http://[',
];
