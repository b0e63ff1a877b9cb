import { expect } from '@open-wc/testing';
import { defaultPasskeyName, describeDevice, type Device } from './passkey-name.js';

const texts = { device: (browser: string, os: string) => `${browser} on ${os}`, dated: () => 'Passkey from 6 Dec 2026' };
const name = (device: Device, existing: string[] = []) => defaultPasskeyName(device, existing, texts);

// Real user agent strings, one per browser and system the list names.
const ua = {
  chromeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  edgeWindows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  firefoxMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.7; rv:133.0) Gecko/20100101 Firefox/133.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1',
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0',
  chromeOs: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

describe('default passkey names (passkey-name.ts)', () => {
  it('reads browser and system from the user agent string', () => {
    expect(describeDevice({ userAgent: ua.chromeWindows })).to.deep.equal({ browser: 'Chrome', os: 'Windows' });
    expect(describeDevice({ userAgent: ua.edgeWindows })).to.deep.equal({ browser: 'Edge', os: 'Windows' });
    expect(describeDevice({ userAgent: ua.firefoxLinux })).to.deep.equal({ browser: 'Firefox', os: 'Linux' });
    expect(describeDevice({ userAgent: ua.firefoxMac })).to.deep.equal({ browser: 'Firefox', os: 'macOS' });
    expect(describeDevice({ userAgent: ua.safariMac })).to.deep.equal({ browser: 'Safari', os: 'macOS' });
    expect(describeDevice({ userAgent: ua.safariIphone })).to.deep.equal({ browser: 'Safari', os: 'iOS' });
    expect(describeDevice({ userAgent: ua.chromeIphone })).to.deep.equal({ browser: 'Chrome', os: 'iOS' });
    expect(describeDevice({ userAgent: ua.chromeAndroid })).to.deep.equal({ browser: 'Chrome', os: 'Android' });
    expect(describeDevice({ userAgent: ua.firefoxAndroid })).to.deep.equal({ browser: 'Firefox', os: 'Android' });
    expect(describeDevice({ userAgent: ua.chromeOs })).to.deep.equal({ browser: 'Chrome', os: 'ChromeOS' });
  });

  it('an iPad asking for the desktop site is iOS, not macOS', () => {
    expect(describeDevice({ userAgent: ua.safariMac, maxTouchPoints: 5 })).to.deep.equal({ browser: 'Safari', os: 'iOS' });
  });

  it('prefers the client hints (navigator.userAgentData) when the browser has them', () => {
    const brands = (...names: string[]) => names.map((brand) => ({ brand }));
    const hints = (platform: string, ...names: string[]) => ({ userAgent: ua.chromeWindows, userAgentData: { platform, brands: brands(...names) } });
    expect(describeDevice(hints('Linux', 'Chromium', 'Google Chrome', 'Not_A Brand'))).to.deep.equal({ browser: 'Chrome', os: 'Linux' });
    expect(describeDevice(hints('Windows', 'Microsoft Edge', 'Chromium', 'Not_A Brand'))).to.deep.equal({ browser: 'Edge', os: 'Windows' });
    expect(describeDevice(hints('macOS', 'Chromium', 'Not?A_Brand'))).to.deep.equal({ browser: 'Chromium', os: 'macOS' });
    expect(describeDevice(hints('Chrome OS', 'Google Chrome'))).to.deep.equal({ browser: 'Chrome', os: 'ChromeOS' });
    // A brand it does not know: the user agent string names the browser.
    expect(describeDevice(hints('', 'Brave'))).to.deep.equal({ browser: 'Chrome', os: 'Windows' });
  });

  it('names it "<browser> on <system>", the date when the browser tells nothing', () => {
    expect(name({ browser: 'Chrome', os: 'Linux' })).to.equal('Chrome on Linux');
    expect(name({ browser: 'Firefox', os: null })).to.equal('Firefox');
    expect(name({ browser: null, os: null })).to.equal('Passkey from 6 Dec 2026');
    expect(name(describeDevice({ userAgent: '' }))).to.equal('Passkey from 6 Dec 2026');
  });

  it('two passkeys of the same browser get different names', () => {
    const chrome = { browser: 'Chrome', os: 'Linux' };
    expect(name(chrome, ['Chrome on Linux'])).to.equal('Chrome on Linux (2)');
    expect(name(chrome, ['chrome on linux ', 'Chrome on Linux (2)', 'YubiKey'])).to.equal('Chrome on Linux (3)');
    expect(name(chrome, ['Chrome on Linux (2)'])).to.equal('Chrome on Linux');
    expect(name({ browser: null, os: null }, ['Passkey from 6 Dec 2026'])).to.equal('Passkey from 6 Dec 2026 (2)');
  });
});
