/**
 * `commonground app`: the built CLI started as a subprocess on a free port. It serves the web
 * build with the right types and every security header, to 127.0.0.1 only; never a file outside
 * its folder (dot segments, encoded slashes, backslashes); GET and HEAD only; and a busy or bad
 * port is a user error (exit 2, no stack trace).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { request } from "node:http";
import { createServer, type Server, Socket } from "node:net";
import { networkInterfaces } from "node:os";
import { join, sep } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../web/src/app/csp.js";
import { contentType, pathSegments } from "../src/commands/app.js";
import { cliDir, ensureBuilt, expectFailure, repoRoot, runCli } from "./run-cli.js";

const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cross-origin-resource-policy": "same-origin",
  "cache-control": "no-store",
  "x-frame-options": "DENY",
};

const webDir = join(cliDir, "dist", "web");
const children: ChildProcess[] = [];
const servers: Server[] = [];

beforeAll(() => ensureBuilt());

afterEach(async () => {
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGKILL");
      await exited;
    }
  }
  for (const s of servers.splice(0)) await new Promise((done) => s.close(done));
});

interface Started {
  child: ChildProcess;
  url: string;
  port: number;
  stdout: () => string;
}

/** Starts `commonground app <args…>` and waits for the address it prints. */
async function startApp(args: string[] = ["--port", "0"]): Promise<Started> {
  const child = spawn(process.execPath, [join(cliDir, "bin", "commonground.js"), "app", ...args], {
    cwd: repoRoot,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8");
  child.stderr?.setEncoding("utf8").on("data", (s: string) => {
    stderr += s;
  });
  const url = await new Promise<string>((found, failed) => {
    child.stdout?.on("data", (s: string) => {
      stdout += s;
      const m = /running at (\S+)\n/.exec(stdout);
      if (m?.[1] !== undefined) found(m[1]);
    });
    child.once("exit", (code) => failed(new Error(`exited ${code} before serving:\n${stderr}`)));
  });
  return { child, url, port: Number(new URL(url).port), stdout: () => stdout };
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with the path sent exactly as given (no normalisation, unlike fetch). */
function send(
  port: number,
  path: string,
  options: { method?: string; host?: string; headers?: Record<string, string> } = {},
): Promise<Reply> {
  return new Promise((done, failed) => {
    const req = request(
      {
        host: options.host ?? "127.0.0.1",
        port,
        path,
        method: options.method ?? "GET",
        headers: options.headers,
        agent: false,
      },
      (res) => {
        let body = "";
        res.setEncoding("latin1");
        res.on("data", (s: string) => {
          body += s;
        });
        res.on("end", () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", failed);
    req.end();
  });
}

function expectSecurityHeaders(r: Reply): void {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
    expect(r.headers[name], name).toBe(value);
  }
}

/** Connects to host:port; resolves whether a connection was accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = new Socket();
    socket.setTimeout(2_000);
    socket.once("connect", () => {
      socket.destroy();
      done(true);
    });
    socket.once("error", () => done(false));
    socket.once("timeout", () => {
      socket.destroy();
      done(false);
    });
    socket.connect(port, host);
  });
}

describe("commonground app", () => {
  it("prints its address and serves the page with every security header", async () => {
    const app = await startApp();
    expect(app.stdout()).toMatch(
      /^CommonGround is running at http:\/\/127\.0\.0\.1:\d+\/\nOpen it in your browser\. Your data stays on this computer\. Press Ctrl\+C to stop\.\n$/,
    );
    const r = await send(app.port, "/");
    expect(r.status).toBe(200);
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
    expectSecurityHeaders(r);
    expect(r.body).toBe(readFileSync(join(webDir, "index.html"), "latin1"));
    expect((await send(app.port, "/index.html?x=1#y")).body).toBe(r.body);
  });

  it("serves the page's script and style sheet with their MIME types; HEAD sends no body", async () => {
    const app = await startApp();
    const html = readFileSync(join(webDir, "index.html"), "utf8");
    const assets = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.(js|css))"/g)];
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const [, path, ext] of assets) {
      const r = await send(app.port, `/${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers["content-type"]).toBe(
        ext === "js" ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
      );
      expectSecurityHeaders(r);
      expect(r.body).toBe(readFileSync(join(webDir, path!), "latin1"));
      const head = await send(app.port, `/${path}`, { method: "HEAD" });
      expect(head.status).toBe(200);
      expect(head.body).toBe("");
      expect(Number(head.headers["content-length"])).toBe(readFileSync(join(webDir, path!)).length);
      expectSecurityHeaders(head);
    }
  });

  it("serves every file of the build, workers and samples included, with its MIME type", async () => {
    const app = await startApp();
    const expected: Record<string, string> = {
      html: "text/html; charset=utf-8",
      js: "text/javascript; charset=utf-8",
      css: "text/css; charset=utf-8",
      csv: "text/csv; charset=utf-8",
      json: "application/json; charset=utf-8",
      svg: "image/svg+xml",
      png: "image/png",
      woff2: "font/woff2",
    };
    const files = readdirSync(webDir, { recursive: true, encoding: "utf8" }).filter((f) =>
      statSync(join(webDir, f)).isFile(),
    );
    expect(files).toContain("index.html");
    for (const file of files) {
      const r = await send(app.port, `/${file.split(sep).map(encodeURIComponent).join("/")}`);
      expect(r.status, file).toBe(200);
      const ext = file.slice(file.lastIndexOf(".") + 1);
      if (expected[ext] !== undefined) expect(r.headers["content-type"], file).toBe(expected[ext]);
      expectSecurityHeaders(r);
    }
  });

  it("knows the MIME types the app uses", () => {
    expect(contentType("assets/run.worker-abc.js")).toBe("text/javascript; charset=utf-8");
    expect(contentType("x.mjs")).toBe("text/javascript; charset=utf-8");
    expect(contentType("x.CSS")).toBe("text/css; charset=utf-8");
    expect(contentType("index.html")).toBe("text/html; charset=utf-8");
    expect(contentType("logo.svg")).toBe("image/svg+xml");
    expect(contentType("sample.csv")).toBe("text/csv; charset=utf-8");
    expect(contentType("manifest.json")).toBe("application/json; charset=utf-8");
    expect(contentType("icon.png")).toBe("image/png");
    expect(contentType("font.woff2")).toBe("font/woff2");
    expect(contentType("unknown.xyz")).toBe("application/octet-stream");
  });

  it("answers an unknown path with a plain-text 404 that has the headers too", async () => {
    const app = await startApp();
    const r = await send(app.port, "/no/such/file.js");
    expect(r.status).toBe(404);
    expect(r.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expectSecurityHeaders(r);
  });

  it("never serves a file outside its folder", async () => {
    const app = await startApp();
    const secrets = [
      readFileSync(join(repoRoot, "package.json"), "latin1"),
      readFileSync(join(cliDir, "package.json"), "latin1"),
      readFileSync(join(cliDir, "dist", "main.js"), "latin1").slice(0, 200),
    ];
    const attempts = [
      "/../package.json",
      "/../../package.json",
      "/../../../package.json",
      "/assets/../../main.js",
      "/%2e%2e/package.json",
      "/%2E%2E/%2e%2e/package.json",
      "/..%2fpackage.json",
      "/%2e%2e%2f%2e%2e%2fpackage.json",
      "/assets/..%2f..%2fmain.js",
      "/assets/%2e%2e%2F%2e%2e%2Fmain.js",
      "/..%5c..%5cpackage.json",
      "/..\\..\\package.json",
      "/%252e%252e/package.json",
      "/.%2e/package.json",
      "//../package.json",
      "/main.js",
      "/%00../package.json",
      "/%E0%A4%A",
      "/.hidden",
      "http://127.0.0.1/../package.json",
    ];
    for (const path of attempts) {
      const r = await send(app.port, path);
      expect([400, 404], path).toContain(r.status);
      expect(r.headers["content-type"], path).toBe("text/plain; charset=utf-8");
      for (const secret of secrets) expect(r.body, path).not.toContain(secret.slice(0, 60));
      expectSecurityHeaders(r);
    }
  });

  it("decodes request paths safely", () => {
    expect(pathSegments("/assets/a%20b.js?v=1")).toEqual(["assets", "a b.js"]);
    expect(pathSegments("/")).toEqual([]);
    expect(pathSegments("/%2e%2e/x")).toBeUndefined();
    expect(pathSegments("/a%2fb")).toBeUndefined();
    expect(pathSegments("/a%5cb")).toBeUndefined();
    expect(pathSegments("/%zz")).toBeUndefined();
    expect(pathSegments("x")).toBeUndefined();
  });

  it("allows only GET and HEAD (405 otherwise)", async () => {
    const app = await startApp();
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const r = await send(app.port, "/", {
        method,
        headers: { "content-type": "text/csv", "content-length": "0" },
      });
      expect(r.status, method).toBe(405);
      expect(r.headers.allow).toBe("GET, HEAD");
      expectSecurityHeaders(r);
    }
  });

  it("refuses requests for another host name (DNS rebinding)", async () => {
    const app = await startApp();
    const r = await send(app.port, "/", { headers: { host: `evil.example:${app.port}` } });
    expect(r.status).toBe(400);
    expect(r.body).not.toContain("<html");
    const local = await send(app.port, "/", { headers: { host: `localhost:${app.port}` } });
    expect(local.status).toBe(200);
  });

  it("listens on 127.0.0.1 only", async () => {
    const app = await startApp();
    expect(await connects("127.0.0.1", app.port)).toBe(true);
    // Bound to 0.0.0.0 it would accept these too.
    const others = ["127.0.0.2"];
    for (const addresses of Object.values(networkInterfaces())) {
      for (const a of addresses ?? [])
        if (!a.internal && a.family === "IPv4") others.push(a.address);
    }
    for (const host of others) expect(await connects(host, app.port), host).toBe(false);
  });

  it("stops on Ctrl+C with exit code 0", async () => {
    const app = await startApp();
    const exited = new Promise<number | null>((done) => app.child.once("exit", (c) => done(c)));
    app.child.kill("SIGINT");
    expect(await exited).toBe(0);
  });

  it("reports a busy port as a user error (exit 2, no stack trace)", async () => {
    const busy = createServer();
    servers.push(busy);
    await new Promise<void>((done) => busy.listen(0, "127.0.0.1", done));
    const address = busy.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    const r = runCli(["app", "--port", String(port)]);
    expectFailure(r, { says: [`Port ${port} is already in use`, "--port 0"] });
  });

  it.each([["abc"], ["65536"], ["-1"], ["1.5"], [""], ["80a"]])(
    "refuses --port %j (exit 2)",
    (port) => {
      const r = runCli(["app", `--port=${port}`]);
      expectFailure(r, { says: ["--port must be a whole number from 0 to 65535"] });
    },
  );

  it("explains itself in --help", () => {
    const r = runCli(["app", "--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--port");
    expect(r.stdout).toContain("never sent anywhere");
    expect(runCli(["--help"]).stdout).toMatch(/^\s+app\b/m);
  });
});
