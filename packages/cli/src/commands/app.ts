/**
 * `commonground app [--port P]`: serves the built web app (the `web/` folder next to the CLI
 * bundle, copied there by build.mjs) to this computer only. A plain static file server on
 * node:http, bound to 127.0.0.1: GET and HEAD only, no path outside the folder (dot segments,
 * encoded slashes and backslashes refused before the path is resolved; the real path is checked
 * again), and the page's Content-Security-Policy plus the other security headers on every
 * response. It receives nothing: the data the page opens stays in the browser.
 */
import { existsSync, realpathSync } from "node:fs";
import { readFile, realpath, stat } from "node:fs/promises";
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { Socket } from "node:net";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Command, Option } from "@commander-js/extra-typings";
import { UserError } from "@commonground/core/internal";
// The web package's own policy (one source of truth; esbuild bundles it in).
import { CONTENT_SECURITY_POLICY } from "@commonground/web/csp";
import { usage } from "../usage.js";

export const DEFAULT_PORT = 5177;
const HOST = "127.0.0.1";

/** Sent with every response, errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Resource-Policy": "same-origin",
  "Cache-Control": "no-store",
  "X-Frame-Options": "DENY",
};

const MIME: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".webmanifest": "application/manifest+json; charset=utf-8",
  ".csv": "text/csv; charset=utf-8",
  ".tsv": "text/tab-separated-values; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".wasm": "application/wasm",
};

export function appCommand(): Command {
  const cmd = new Command("app")
    .description(
      "Open CommonGround in your web browser. This starts a small web server that only this " +
        "computer can reach; the files you open in the page are read by the browser and never " +
        "sent anywhere, not even to this server.",
    )
    .showHelpAfterError("(run with --help for usage)")
    .option("--port <n>", `port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)`)
    .addOption(new Option("--debug", "show stack traces of internal errors").hideHelp());
  cmd.addHelpText(
    "after",
    [
      "",
      "Example:",
      "  commonground app",
      "  commonground app --port 8080",
      "",
      "Then open the address it prints (http://127.0.0.1:…/) in your browser. Ctrl+C stops it.",
    ].join("\n"),
  );
  cmd.action(async (flags) => {
    await runApp({ port: parsePort(flags.port) });
  });
  return cmd as unknown as Command;
}

/** The --port value: a whole number from 0 to 65535. */
export function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw usage(
      `--port must be a whole number from 0 to 65535 (got "${value}").`,
      `For example --port ${DEFAULT_PORT}, or --port 0 to let the computer pick a free port.`,
    );
  }
  return port;
}

/** Starts the server and prints its address; it runs until Ctrl+C. */
export async function runApp(options: { port: number }): Promise<Server> {
  const root = webFolder();
  /** Host headers accepted (set once the port is known): a page of another site that makes its
   * name resolve to 127.0.0.1 ("DNS rebinding") is refused. */
  const hosts = new Set<string>();
  const server = createServer((req, res) => {
    handle(root, hosts, req, res).catch(() => send(res, 500, "Internal server error.\n"));
  });
  server.on("clientError", (_err, socket: Socket) => {
    if (socket.writable) socket.end(rawResponse("Bad request.\n"));
    else socket.destroy();
  });
  try {
    await new Promise<void>((listening, failed) => {
      server.once("error", failed);
      server.listen(options.port, HOST, () => {
        server.off("error", failed);
        listening();
      });
    });
  } catch (e) {
    throw listenError(e, options.port);
  }
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : options.port;
  hosts.add(`${HOST}:${port}`).add(`localhost:${port}`);
  // main.ts's Ctrl+C handler speaks of output files; a server has none.
  process.prependListener("SIGINT", () => {
    process.stderr.write("\nCommonGround stopped.\n");
    process.exit(0);
  });
  process.stdout.write(
    `CommonGround is running at http://${HOST}:${port}/\n` +
      "Open it in your browser. Your data stays on this computer. Press Ctrl+C to stop.\n",
  );
  return server;
}

/** The built web app next to the bundle (dist/web), resolved through symbolic links. */
function webFolder(): string {
  const dir = fileURLToPath(new URL("./web/", import.meta.url));
  if (!existsSync(join(dir, "index.html"))) {
    throw new UserError(
      "file-not-found",
      `The web app is not built: ${join(dir, "index.html")} is missing.`,
      {},
      "Run `npm run build` in the repository root, then start `commonground app` again.",
    );
  }
  return realpathSync(dir);
}

function listenError(e: unknown, port: number): unknown {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "EADDRINUSE") {
    return usage(
      `Port ${port} is already in use on this computer (perhaps CommonGround is already running there).`,
      `Stop the program that uses it, or choose another port: commonground app --port ${port === 65535 ? DEFAULT_PORT : port + 1} (or --port 0 for any free port).`,
    );
  }
  if (code === "EACCES" || code === "EPERM") {
    return usage(
      `This computer does not allow CommonGround to use port ${port} (ports below 1024 need administrator rights).`,
      `Choose a port from 1024 to 65535, e.g. --port ${DEFAULT_PORT}, or --port 0 for any free port.`,
    );
  }
  if (code === "EADDRNOTAVAIL") {
    return usage(
      `This computer has no address ${HOST} to listen on.`,
      "Check the computer's network settings (the loopback interface must be up).",
    );
  }
  return e;
}

// ---------------------------------------------------------------------------------------------
// Requests

async function handle(
  root: string,
  hosts: ReadonlySet<string>,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!hosts.has(req.headers.host ?? "")) {
    send(res, 400, "Bad request: open the address CommonGround printed (http://127.0.0.1:…/).\n");
    return;
  }
  if (req.method !== "GET" && req.method !== "HEAD") {
    send(res, 405, "Method not allowed: this server only serves files (GET, HEAD).\n", {
      Allow: "GET, HEAD",
    });
    return;
  }
  const segments = pathSegments(req.url ?? "");
  if (segments === undefined) {
    send(res, 400, "Bad request.\n");
    return;
  }
  const file = await findFile(root, segments);
  if (file === undefined) {
    send(res, 404, "Not found.\n");
    return;
  }
  const body = await readFile(file);
  const headers = {
    "Content-Type": contentType(file),
    "Content-Length": body.length,
  };
  res.writeHead(200, { ...SECURITY_HEADERS, ...headers });
  res.end(req.method === "HEAD" ? undefined : body);
}

/** The MIME type of a file, by its extension (nosniff: the browser takes it as given). */
export const contentType = (file: string): string =>
  MIME[extname(file).toLowerCase()] ?? "application/octet-stream";

/**
 * The decoded path segments of a request target, or undefined when it is not a plain path or
 * could escape the folder: malformed percent-encoding, `.` or `..` segments, hidden names, and
 * slashes, backslashes or NUL inside a segment (encoded or not) are all refused.
 */
export function pathSegments(target: string): string[] | undefined {
  if (!target.startsWith("/")) return undefined;
  const path = target.split(/[?#]/, 1)[0] ?? "";
  const segments: string[] = [];
  for (const raw of path.split("/").slice(1)) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return undefined;
    }
    if (/[/\\\0]/.test(segment) || segment.startsWith(".")) return undefined;
    if (segment !== "") segments.push(segment);
  }
  return segments;
}

/** The regular file the segments name inside root (a folder's index.html), if any. */
async function findFile(root: string, segments: string[]): Promise<string | undefined> {
  let path = resolve(root, ...segments);
  if (!inside(root, path)) return undefined;
  try {
    if ((await stat(path)).isDirectory()) path = join(path, "index.html");
    const real = await realpath(path);
    if (!inside(root, real) || !(await stat(real)).isFile()) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

const inside = (root: string, path: string): boolean =>
  path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);

function send(
  res: ServerResponse,
  status: number,
  text: string,
  extra: OutgoingHttpHeaders = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    ...extra,
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": Buffer.byteLength(text),
  });
  res.end(res.req.method === "HEAD" ? undefined : text);
}

/** A response written straight to the socket, for requests the HTTP parser rejected. */
function rawResponse(text: string): string {
  const headers = Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}\r\n`);
  return (
    `HTTP/1.1 400 Bad Request\r\nConnection: close\r\n${headers.join("")}` +
    `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`
  );
}
