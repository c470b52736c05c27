// Build-time constants the renderer reads (set in electron.config.ts).
/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_APP_VERSION?: string;
}
