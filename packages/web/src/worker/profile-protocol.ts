/** Messages of the profile worker (profile.worker.ts). */
import type { FileProfile, Histogram, ValueList } from "../data/raw-table.js";
import type { ErrorInfo } from "./protocol.js";

export type ProfileRequest =
  | { type: "open"; id: number; file: File }
  | { type: "rows"; id: number; from: number; to: number }
  | { type: "histogram"; id: number; column: string; spec: string }
  | { type: "values"; id: number; column: string; delimiter?: string };

export type ProfileResponse =
  | { type: "reading"; id: number; fraction: number }
  | { type: "profile"; id: number; profile: FileProfile }
  | { type: "rows"; id: number; from: number; rows: string[][] }
  | { type: "histogram"; id: number; histogram: Histogram }
  | { type: "values"; id: number; list: ValueList }
  | { type: "error"; id: number; error: ErrorInfo };
