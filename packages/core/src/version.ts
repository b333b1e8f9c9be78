/** CommonGround's version, as written into manifests (the same for the CLI and the web app). */
export const VERSION = "0.1.0";
