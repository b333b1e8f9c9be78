/** The CLI's version, as written into manifests: core's, shared with the web app. */
export { VERSION } from "@commonground/core/internal";
