// The bundles' layout, read by esbuild.mjs (to build) and the bench (to check what each bundle holds).

/** The dynamic imports esbuild turns into requires of a sibling bundle: importer, specifier, bundle file. */
export const LAZY_BUNDLES = [
  { importer: 'src/aws/loader.ts', specifier: './sdk', bundle: './aws.js' },
  { importer: 'src/features/onDemandLoader.ts', specifier: './onDemand', bundle: './features.js' },
  { importer: 'src/aws/profilesLoader.ts', specifier: './profiles', bundle: './profiles.js' },
  { importer: 'src/features/pem/pemWorkspace.ts', specifier: './newFolders', bundle: './newFolders.js' },
];
/**
 * Modules that hold state the extension shares (one logger channel, one command registry, one connection, one
 * key file index, one PEM workspace, one view shell, one SDK loader): activation makes them, and the features
 * bundle gets them passed in (src/features/onDemand.ts, SharedServices). A copy inside dist/features.js would be
 * a second, disconnected instance, so it fails the build.
 */
export const SHARED_STATE = [
  'src/log.ts',
  'src/features/commands.ts',
  'src/features/connection.ts',
  'src/features/keyFileIndex.ts',
  'src/features/keysViewShell.ts',
  'src/features/pem/pemWorkspace.ts',
  'src/features/pem/codeLens.ts',
  'src/aws/loader.ts',
  'src/aws/profilesLoader.ts',
];
