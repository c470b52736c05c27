// Engine layer, pure: the settings applied right after the database opens, before anything else runs. They
// stop DuckDB from fetching extensions (autoload would silently reach the internet), point the extension
// repository at the app's own origin, and then lock the configuration so SQL typed by a user cannot undo them.
import { quoteString } from '../query/quote.ts';

export function lockdownStatements(extensionRepository: string): string[] {
  return [
    'SET autoload_known_extensions = false',
    'SET autoinstall_known_extensions = false',
    'SET allow_community_extensions = false',
    `SET custom_extension_repository = ${quoteString(extensionRepository)}`,
    'SET lock_configuration = true',
  ];
}
