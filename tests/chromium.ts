// Cross-process test support: how every browser test and benchmark starts Debian's Chromium — offline flags
// (without them Chromium calls Google at start-up) and an optional proxy that audits anything leaving loopback.
import { mkdtempSync } from 'node:fs';
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
  '--disable-features=AutofillServerCommunication,OptimizationHints,OptimizationHintsFetching,MediaRouter,Translate,CertificateTransparencyComponentUpdater,InterestFeedContentSuggestions,PrivacySandboxSettings4,NetworkTimeServiceQuerying,AimEnabled,AimServerEligibilityEnabled,PreconnectToSearch',
  '--gaia-url=http://127.0.0.1:9/',
  '--component-updater=url-source=http://127.0.0.1:9/',
  // Chromium 150 (Debian, December 2026) added three calls at start-up, seen in its net log: GCM's device check-in
  // (android.clients.google.com), the omnibox's AI-mode eligibility (www.google.com/async/folae) and a preconnect
  // to the default search engine; the features above and these endpoints turn them off.
  '--gcm-checkin-url=http://127.0.0.1:9/',
  '--gcm-registration-url=http://127.0.0.1:9/',
  '--gcm-mcs-endpoint=http://127.0.0.1:9/',
];

/** `dataDir`: the profile folder (the caller removes it); a new temporary one when not given. */
export async function launchChromium(options: { proxy?: string; headless?: boolean; dataDir?: string } = {}): Promise<BrowserContext> {
  const args = [...OFFLINE_FLAGS];
  if (options.proxy) args.push(`--proxy-server=${options.proxy}`);
  return chromium.launchPersistentContext(options.dataDir ?? mkdtempSync(join(tmpdir(), 'idmg-chromium-')), {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    args,
    viewport: { width: 1400, height: 900 },
  });
}
