/** Prefixes the lines the integration suite prints, so the launcher can tell them from the workbench's own. */
export const SUITE_OUTPUT_MARK = '\u2063[suite]';
