/**
 * The activation bundle's door to the AWS profile-file reader (dist/profiles.js, with its INI parser): the
 * connection needs it right after activation for the status bar, not during it. esbuild rewrites the dynamic
 * import of './profiles' below into a require of dist/profiles.js (see esbuild.mjs, lazy-bundles). Keep the
 * import exactly `import('./profiles')` or the rewrite will not find it.
 */
let loading: Promise<typeof import('./profiles')> | undefined;

export async function loadProfiles(): Promise<typeof import('./profiles')> {
  // Memoized; a failed load is forgotten so a later call can try again.
  loading ??= import('./profiles').catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}
