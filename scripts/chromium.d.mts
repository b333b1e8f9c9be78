// Types of chromium.mjs (imported by the TypeScript end-to-end tests).
export declare const browserPath: string;
export declare const CHROMIUM_ARGS: string[];
