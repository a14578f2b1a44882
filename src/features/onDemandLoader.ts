/**
 * The activation bundle's one door to the on-demand features bundle. esbuild rewrites the dynamic import of
 * './onDemand' below into a require of dist/features.js (see esbuild.mjs, lazy-bundles), so that code loads on
 * first use instead of at activation. Keep the import exactly `import('./onDemand')` or the rewrite will not find it.
 */
export type OnDemandModule = typeof import('./onDemand');

export function importOnDemand(): Promise<OnDemandModule> {
  return import('./onDemand');
}
