// Main-process layer, IPC handler: answers 'app:info' (and feeds the About box) with versions and the data
// licence attribution the Open Government Licence requires us to show. Builds nothing the page could not
// safely display: no paths, no environment.
import { app } from 'electron';
import type { AppInfo } from '../../contract.ts';

export const DATA_LICENCES =
  'Contains public sector information licensed under the Open Government Licence v3.0. ' +
  'Source: Home Office, National Referral Mechanism statistics.';

export function appInfo(): AppInfo {
  return {
    name: app.getName(),
    version: app.getVersion(),
    electron: process.versions.electron,
    chrome: process.versions.chrome,
    node: process.versions.node,
    platform: process.platform,
    dataLicences: DATA_LICENCES,
  };
}
