/** The CLI's version, as written into manifests. */
export const VERSION = "0.1.0";
