// Cross-process test support: how every browser test and benchmark starts Debian's Chromium — offline flags
// (without them Chromium calls Google at start-up) and an optional proxy that audits anything leaving loopback.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const OFFLINE_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--disable-client-side-phishing-detection',
  '--disable-default-apps',
  '--disable-domain-reliability',
  '--disable-breakpad',
  '--no-pings',
  '--safebrowsing-disable-auto-update',
  '--disable-features=AutofillServerCommunication,OptimizationHints,OptimizationHintsFetching,MediaRouter,Translate,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,PrivacySandboxSettings4,NetworkTimeServiceQuerying',
  '--gaia-url=http://127.0.0.1:9/',
  '--component-updater=url-source=http://127.0.0.1:9/',
];

/**
 * A fresh profile with spell-checking off: otherwise Chromium fetches a Hunspell dictionary from Google
 * (redirector.gvt1.com) the first time a text field with spelling on gets focus. The desktop app turns it off too
 * (electron/main/window.ts, webPreferences.spellcheck).
 */
function offlineProfile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'idmg-chromium-'));
  mkdirSync(join(dir, 'Default'));
  writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ browser: { enable_spellchecking: false }, spellcheck: { dictionaries: [], use_spelling_service: false } }));
  return dir;
}

export async function launchChromium(options: { proxy?: string; headless?: boolean } = {}): Promise<BrowserContext> {
  const args = [...OFFLINE_FLAGS];
  if (options.proxy) args.push(`--proxy-server=${options.proxy}`);
  return chromium.launchPersistentContext(offlineProfile(), {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args,
    viewport: { width: 1400, height: 900 },
  });
}
