/**
 * Atomic writing of a release folder and its private folder (DESIGN §7, §8).
 *
 * Everything is written into hidden staging folders beside the targets and renamed into place
 * only when the whole run succeeded, so a failed or interrupted run never leaves a folder that
 * looks like a release. The private folder is created readable by the owner only and may not
 * lie inside the release.
 */
import { randomBytes } from "node:crypto";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { UserError } from "@commonground/core";

export type Content = string | Iterable<string>;

interface Target {
  final: string;
  staging: string;
  mode: number;
}

const live = new Set<ReleaseWriter>();

/** Removes every unfinished staging folder (on errors and on Ctrl-C). */
export function abortAllWriters(): void {
  for (const w of live) w.abort();
}

export class ReleaseWriter {
  private readonly out: Target;
  private readonly priv: Target;
  private done = false;

  constructor(outDir: string, privateDir: string | undefined, force: boolean) {
    const out = resolve(outDir);
    const priv = resolve(privateDir ?? `${out}.private`);
    const inside = (child: string, parent: string) => {
      const rel = relative(parent, child);
      return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
    };
    if (inside(priv, out) || inside(out, priv)) {
      throw new UserError(
        "invalid-option",
        `The private folder ${priv} may not be inside the release folder ${out} (or the other way round): everything in the release may be published.`,
        {},
        "Choose a private folder beside the release, or leave out --private to use <out>.private.",
      );
    }
    checkTarget(out, force, "manifest.json");
    checkTarget(priv, force, "run.json");
    this.out = { final: out, staging: stagingName(out), mode: 0o755 };
    this.priv = { final: priv, staging: stagingName(priv), mode: 0o700 };
    mkdirSync(dirname(out), { recursive: true });
    mkdirSync(dirname(priv), { recursive: true });
    mkdirSync(this.out.staging, { mode: this.out.mode });
    mkdirSync(this.priv.staging, { mode: this.priv.mode });
    live.add(this);
  }

  get releaseDir(): string {
    return this.out.final;
  }

  get privateDir(): string {
    return this.priv.final;
  }

  /** Writes a public file of the release. */
  writePublic(name: string, content: Content): void {
    write(join(this.out.staging, name), content, 0o644);
  }

  /** Writes a file of the private folder (owner-only). */
  writePrivate(name: string, content: Content): void {
    write(join(this.priv.staging, name), content, 0o600);
  }

  /** Moves both folders into place, replacing earlier ones (allowed by the constructor's check). */
  commit(): void {
    for (const t of [this.priv, this.out]) {
      let old: string | undefined;
      if (existsSync(t.final)) {
        old = stagingName(t.final, "old");
        renameSync(t.final, old);
      }
      renameSync(t.staging, t.final);
      if (old) rmSync(old, { recursive: true, force: true });
    }
    this.done = true;
    live.delete(this);
  }

  /** Removes the staging folders (nothing of this run remains). */
  abort(): void {
    if (this.done) return;
    for (const t of [this.out, this.priv]) rmSync(t.staging, { recursive: true, force: true });
    live.delete(this);
  }
}

/**
 * An existing target may be replaced only with --force, and only if it is empty or was written
 * by CommonGround (holds `marker`): --force must never delete a folder of the user's own files.
 */
function checkTarget(dir: string, force: boolean, marker: string): void {
  if (!existsSync(dir)) return;
  if (!statSync(dir).isDirectory()) {
    throw new UserError(
      "output-exists",
      `${dir} exists and is a file, not a folder.`,
      { file: dir },
      "Choose another output folder.",
    );
  }
  const entries = readdirSync(dir);
  if (entries.length === 0) return;
  if (!force) {
    throw new UserError(
      "output-exists",
      `The folder ${dir} already exists and is not empty.`,
      { file: dir },
      "Choose another folder, or add --force to replace it once the new release is complete.",
    );
  }
  if (!entries.includes(marker)) {
    throw new UserError(
      "output-exists",
      `The folder ${dir} is not empty and was not written by CommonGround (it has no ${marker}), so it is not replaced, even with --force.`,
      { file: dir },
      "Choose a new or empty folder for the output.",
    );
  }
}

function stagingName(final: string, kind = "partial"): string {
  return join(
    dirname(final),
    `.${basename(final)}.${kind}-${process.pid}-${randomBytes(4).toString("hex")}`,
  );
}

function write(path: string, content: Content, mode: number): void {
  if (typeof content === "string") {
    writeFileSync(path, content, { mode });
    return;
  }
  writeFileSync(path, "", { mode });
  let buffer = "";
  for (const chunk of content) {
    buffer += chunk;
    if (buffer.length > 1 << 20) {
      appendFileSync(path, buffer);
      buffer = "";
    }
  }
  if (buffer !== "") appendFileSync(path, buffer);
}
