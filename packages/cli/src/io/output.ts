/**
 * Atomic writing of a release folder and its private folder (docs/design.md §7, §8).
 *
 * Everything is written into hidden staging folders beside the targets and renamed into place
 * only when the whole run succeeded, so a failed or interrupted run never leaves a folder that
 * looks like a release. The private folder is created readable by the owner only and may not
 * lie inside the release.
 */
import { randomBytes } from "node:crypto";
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import { basename, dirname, isAbsolute, join, relative, resolve } from "node:path";
import { UserError } from "@commonground/core/internal";

export type Content = string | Iterable<string | Uint8Array>;

interface Target {
  final: string;
  staging: string;
  mode: number;
}

const live = new Set<ReleaseWriter>();

let committed = 0;

/** Removes every unfinished staging folder (on errors and on Ctrl-C). */
export function abortAllWriters(): void {
  for (const w of live) w.abort();
}

/** True once some writer has moved its folders into place (for an honest Ctrl-C message). */
export function anyCommitted(): boolean {
  return committed > 0;
}

export class ReleaseWriter {
  private readonly out: Target;
  private readonly priv: Target;
  private done = false;

  constructor(outDir: string, privateDir: string | undefined, force: boolean) {
    // Real paths: a symbolic link (to the folder, or on its way) must not hide that the private
    // folder lies inside the release, where it would be published or deleted with an old release.
    const out = realTarget(resolve(outDir));
    const priv = realTarget(resolve(privateDir ?? `${resolve(outDir)}.private`));
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
    live.add(this);
    try {
      for (const t of [this.out, this.priv]) {
        guard("create the folder", dirname(t.final), () =>
          mkdirSync(dirname(t.final), { recursive: true }),
        );
        guard("create a folder beside", t.final, () => mkdirSync(t.staging, { mode: t.mode }));
      }
    } catch (e) {
      this.abort();
      throw e;
    }
  }

  get releaseDir(): string {
    return this.out.final;
  }

  get privateDir(): string {
    return this.priv.final;
  }

  /** Writes a public file of the release. */
  writePublic(name: string, content: Content): void {
    guard("write", join(this.out.final, name), () =>
      write(join(this.out.staging, name), content, 0o644),
    );
  }

  /** Writes a file of the private folder (owner-only). */
  writePrivate(name: string, content: Content): void {
    guard("write", join(this.priv.final, name), () =>
      write(join(this.priv.staging, name), content, 0o600),
    );
  }

  /** Moves both folders into place, replacing earlier ones (allowed by the constructor's check). */
  commit(): void {
    for (const t of [this.priv, this.out]) {
      guard("move into place", t.final, () => {
        let old: string | undefined;
        if (existsSync(t.final)) {
          old = stagingName(t.final, "old");
          renameSync(t.final, old);
        }
        renameSync(t.staging, t.final);
        if (old) rmSync(old, { recursive: true, force: true });
      });
    }
    this.done = true;
    committed++;
    live.delete(this);
  }

  /** Removes the staging folders (nothing of this run remains). */
  abort(): void {
    if (this.done) return;
    live.delete(this);
    for (const t of [this.out, this.priv]) {
      try {
        rmSync(t.staging, { recursive: true, force: true });
      } catch {
        // Never created (e.g. its parent is a file): nothing to remove. Cleaning up must not
        // fail, as it also runs while reporting another error.
      }
    }
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

/**
 * The real path a folder will have: the nearest existing ancestor (the folder itself, if it
 * exists) with every symbolic link resolved, then the parts still to be created.
 */
function realTarget(path: string): string {
  let existing = path;
  const rest: string[] = [];
  for (;;) {
    try {
      return join(realpathSync(existing), ...rest.reverse());
    } catch {
      const parent = dirname(existing);
      if (parent === existing) return path;
      rest.push(basename(existing));
      existing = parent;
    }
  }
}

const FS_REASONS: Record<string, string> = {
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
  EDQUOT: "the disk quota is used up",
  ENOTDIR: "a part of the path is a file, not a folder",
  EEXIST: "a part of the path is a file, not a folder",
  ENOENT: "a part of the path does not exist and cannot be created",
  ENAMETOOLONG: "the name is too long",
  EISDIR: "a folder is in the way",
  EXDEV: "it is on another file system than its staging folder",
};

/**
 * Runs a file-system step of writing the output; a failure the user can fix (no permission, a
 * file in the way, a full disk) becomes a UserError naming the path instead of an "internal error".
 */
function guard<T>(what: string, path: string, step: () => T): T {
  try {
    return step();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    // Only system errors (EACCES, ENOSPC, …); a UserError's code is a kebab-case word.
    if (e instanceof UserError || typeof code !== "string" || !/^E[A-Z]+$/.test(code)) throw e;
    throw new UserError(
      "invalid-option",
      `Cannot ${what} ${path}: ${FS_REASONS[code] ?? "the operating system refused"} (${code}).`,
      { file: path },
      "Choose an output folder (--out) and a private folder (--private) in a place you can write to, with enough free space.",
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
  const fd = openSync(path, "w", mode);
  try {
    for (const chunk of content) {
      if (typeof chunk === "string") writeSync(fd, chunk);
      else writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
}
