/**
 * The extension's one door to the AWS bundle. esbuild rewrites the dynamic import of './sdk' below into a
 * require of dist/aws.js (see esbuild.mjs, lazy-aws-bundle), so the SDK loads on the first AWS call instead of
 * at activation. Keep the import exactly `import('./sdk')` or the rewrite will not find it.
 */
let loading: Promise<typeof import('./sdk')> | undefined;

export async function loadSdk(): Promise<typeof import('./sdk')> {
  // Memoized; a failed load is forgotten so a later call can try again.
  loading ??= import('./sdk').catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}
