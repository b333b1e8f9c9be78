#!/usr/bin/env node
/**
 * Generates samples/ctdc-simulated/cases.csv: a SIMULATED data set of case records about
 * identified victims of human trafficking, in the shape of the CTDC (Counter Trafficking Data
 * Collaborative) global data standard. No real person is described; every value comes from the
 * seeded pseudo-random generator below.
 *
 * Usage: node scripts/gen-sample.mjs [--seed N] [--rows N] [--out path]
 *   --seed  unsigned 32-bit integer (default 20261128). Same seed and rows => byte-identical file.
 *   --rows  number of case rows to write (default 12000); about 1.18 rows per person.
 *   --out   output path (default samples/ctdc-simulated/cases.csv next to this script's repo).
 *
 * Determinism: the PRNG is sfc32 seeded through splitmix32, implemented here; Math.random is never
 * used. Weights only use +, -, *, / and comparisons (no Math.exp / Math.pow), so the output is
 * identical on every platform and Node version.
 *
 * Output: UTF-8 without BOM, "\n" line endings, a final newline, RFC 4180 quoting where a value
 * holds a comma, a double quote or a line break. Missing values are empty cells.
 * Columns: case_id, subject_id, year_of_registration, gender, age_band, citizenship,
 * country_of_exploitation, type_of_exploitation, type_of_labour, means_of_control,
 * recruiter_relation, data_source. type_of_exploitation and means_of_control are multi-value,
 * joined by ";".
 *
 * Model. A person is generated first, then written as 1-3 rows (case records).
 *  1. year_of_registration, 2002-2023: volume grows ~14 % a year, with a dip in 2020-2021
 *     (pandemic) and a small drop in 2023 (reporting lag).
 *  2. citizenship: ~42 ISO 3166 alpha-2 codes with Zipf weights (1/rank), shifted by year:
 *     Ukrainians x2 in 2022-2023 and x1.5 in 2014-2016, Venezuelans only from 2014 (x3 from 2017).
 *  3. type_of_exploitation: a primary type from the citizenship's profile (labour-dominant,
 *     sexual-dominant, mixed, marriage-prone, child/slavery-prone, US-like domestic); ~11 % of
 *     people get a second type drawn from types that commonly co-occur with the primary.
 *     From 2021, some citizens of CN, VN, ID, PH, TH, MM, KE, UG, ET fall into a "scam compound"
 *     cluster: forced criminality in KH/MM/LA, mostly men aged 21-38, recruited by fake job ads.
 *  4. country_of_exploitation: depends on citizenship (a domestic share plus regional destination
 *     corridors, e.g. UA->PL/RU, PH->AE/SA, MM->TH, MX->US, NG->IT, HT->DO, NP->IN, KG->RU) and on
 *     type (labour moves abroad more; corridors tagged labour/sexual/marriage are favoured for
 *     that type, e.g. MM/VN/KH/LA->CN for forced marriage). 2.5 % of people go to a uniformly
 *     drawn "long tail" destination, which creates rare citizenship x destination combinations.
 *  5. data_source: Case management throughout; Hotline from 2007 and growing; Partner agency
 *     growing from 2002. Exploitation in the US favours Hotline.
 *  6. gender: depends on type. Sexual exploitation and forced marriage are mostly female, forced
 *     labour and forced criminality mostly male; Transgender/non-binary is rare (<1 %, most often
 *     with sexual exploitation).
 *  7. age_band (CTDC bands 0-8 ... 48+): depends on type. Forced marriage, forced criminality and
 *     "Other" (e.g. begging) have many children; forced labour is older; sexual exploitation
 *     peaks at 9–23.
 *  8. recruiter_relation: depends on type and age. Intimate partners recruit mainly into sexual
 *     exploitation (rarely men or children), family members into forced marriage and child cases.
 *  9. means_of_control: 1-4 values weighted by type (debt bondage, withheld documents and long
 *     hours for labour; psychological, physical and sexual abuse for sexual exploitation and
 *     marriage), by recruiter (intimate partner -> abuse) and by movement (abroad -> withheld
 *     documents, false promises, debt bondage). Hotline cases record fewer means.
 * 10. type_of_labour (sector: Agriculture, Construction, Domestic work, Manufacturing, Fishing,
 *     Hospitality, Mining, Other), only for people with Forced labour among their types: by
 *     gender (women mostly domestic work, agriculture, manufacturing, hospitality; men
 *     agriculture, construction, manufacturing, fishing), then by destination and citizenship
 *     (Gulf/Levant/HK/SG/MY: domestic work and construction; TH/TW/KR/FJ/NZ and crews from
 *     MM/KH/LA/ID/PH/VN/GH: fishing; RU/KZ/PL/CZ: construction; MX/GT/HN/SV/HT citizens and
 *     US/DO/IT/ES: agriculture; GH/BR/CD/ZA/...: mining; IN/BD/PK/NP: manufacturing), by age
 *     (children: agriculture, domestic work, "Other" such as begging; rarely construction) and
 *     the scam cluster ("Other").
 * 11. Rows per person: 1 (~85 %), 2 (~12 %), 3 (~3 %); more for people with two exploitation
 *     types, fewer for hotline cases. All rows of a person carry the same single values
 *     (year, gender, age band, citizenship, destination, sector, recruiter, data source) or a
 *     blank; each row carries a subset of the person's exploitation types and means of control,
 *     and together the rows carry all of them (before blanking).
 * 12. Missingness depends on the data source and on the values, as in real consolidated
 *     counter-trafficking data (where only a few percent of records are complete). Each row gets
 *     a recording depth, brief / standard / full, drawn by source: hotline 70/27/3, partner
 *     agency 25/60/15, case management 5/50/45; before 2012 full records are rarer and brief
 *     ones more common (the older, the more). The depth sets each cell's blank probability
 *     (table BLANK), whose odds are then scaled: x1.3 for every cell before 2010; means of
 *     control x0.8 for case management and x1.05 for hotline; recruiter_relation x0.6 when the
 *     person was exploited abroad, x1.25 at home, x0.85 for children; type_of_labour x0.8
 *     abroad, x1.1 at home, x0.9 from 2015. type_of_labour is only ever filled on a row whose
 *     type_of_exploitation cell holds Forced labour. 1.5 % of rows are sparse (most cells
 *     blank), and a person's 2nd/3rd rows have extra blanks. Default seed, per row: gender ~7 %,
 *     age_band ~26 %, citizenship ~20 %, destination ~13 %, type ~7 %, type_of_labour ~89 %,
 *     means_of_control ~54 %, recruiter_relation ~69 % blank; ~6 % of rows are complete over
 *     the columns of config.json (hotline ~1 %, partner agency ~5 %, case management ~10 %).
 *     year_of_registration and data_source are never missing.
 * 13. Rows are ordered by year, shuffled within a year, and then numbered C000001, ...; subject
 *     IDs S00001, ... follow the order in which people were generated.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const DEFAULT_SEED = 20261128;
const DEFAULT_ROWS = 12000;
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const DEFAULT_OUT = resolve(REPO_ROOT, "samples/ctdc-simulated/cases.csv");

// ---------------------------------------------------------------------------------------------
// PRNG: splitmix32 seeds sfc32.

function splitmix32(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** sfc32; returns a function giving uniform floats in [0, 1). */
function makeRng(seed) {
  const sm = splitmix32(seed);
  let a = sm();
  let b = sm();
  let c = sm();
  let d = sm();
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

// ---------------------------------------------------------------------------------------------
// Sampling helpers.

/** Picks a value from [value, weight] pairs. */
function pick(rng, pairs) {
  let total = 0;
  for (const [, w] of pairs) total += w;
  let u = rng() * total;
  for (const [v, w] of pairs) {
    if (u < w) return v;
    u -= w;
  }
  return pairs[pairs.length - 1][0];
}

/** Picks up to n distinct values from [value, weight] pairs (weighted, without replacement). */
function pickDistinct(rng, pairs, n) {
  const pool = pairs.filter(([, w]) => w > 0);
  const out = [];
  while (out.length < n && pool.length > 0) {
    const v = pick(rng, pool);
    out.push(v);
    pool.splice(
      pool.findIndex(([x]) => x === v),
      1,
    );
  }
  return out;
}

const chance = (rng, p) => rng() < p;

// ---------------------------------------------------------------------------------------------
// Vocabularies.

const SEX = "Sexual exploitation";
const LAB = "Forced labour";
const MAR = "Forced marriage";
const CRIM = "Forced criminality";
const SLAV = "Slavery and similar practices";
const OTH = "Other";
const TYPES = [SEX, LAB, MAR, CRIM, SLAV, OTH];

const MEANS = [
  "Debt bondage",
  "Takes earnings",
  "Threats",
  "Psychological abuse",
  "Physical abuse",
  "Sexual abuse",
  "Restricts movement",
  "Withholds documents",
  "Excessive working hours",
  "Psychoactive substances",
  "False promises",
];

// Sector of forced labour (type_of_labour), in this order.
const LABOUR = [
  "Agriculture",
  "Construction",
  "Domestic work",
  "Manufacturing",
  "Fishing",
  "Hospitality",
  "Mining",
  "Other",
];

const AGE_BANDS = ["0-8", "9-17", "18-20", "21-23", "24-26", "27-29", "30-38", "39-47", "48+"];
const MINOR_BANDS = new Set(["0-8", "9-17"]);

const FEMALE = "Female";
const MALE = "Male";
const TGNB = "Transgender/non-binary";

const RECRUITERS = ["Intimate partner", "Friend", "Family member", "Other"];

const CM = "Case management";
const HOTLINE = "Hotline";
const PARTNER = "Partner agency";

const YEAR_FIRST = 2002;
const YEAR_LAST = 2023;

// Type profiles: weights for [SEX, LAB, MAR, CRIM, SLAV, OTH].
const PROFILES = {
  L: [20, 70, 2, 4, 2, 2], // labour-dominant
  S: [70, 20, 2, 4, 1, 3], // sexual-dominant
  X: [45, 42, 4, 4, 2, 3], // mixed
  D: [75, 15, 1, 4, 1, 4], // domestic, US-like
  M: [35, 35, 20, 4, 3, 3], // marriage-prone
  C: [30, 35, 6, 6, 13, 10], // child labour / slavery-like practices / other
};

// Citizenships in Zipf rank order: [code, profile, domestic share, destinations].
// Destinations: [code, weight, tags], tags = letters of favoured types (S, L, M, C) or "".
// biome-ignore format: one citizenship per line
const CITIZENSHIPS = [
  ["UA", "X", 0.45, [["PL", 4, "L"], ["RU", 4, "L"], ["DE", 2, ""], ["CZ", 2, "L"], ["IL", 0.5, "S"], ["TR", 0.7, "S"], ["IT", 1, ""]]],
  ["PH", "L", 0.35, [["AE", 4, "L"], ["SA", 4, "L"], ["KW", 2, "L"], ["QA", 2, "L"], ["HK", 2, "L"], ["MY", 2, ""], ["JP", 1, "S"]]],
  ["MD", "S", 0.25, [["RU", 3, "L"], ["TR", 3, "S"], ["AE", 1, "S"], ["IT", 1, ""], ["UA", 1, ""]]],
  ["US", "D", 0.97, [["MX", 1, ""]]],
  ["MM", "M", 0.3, [["TH", 6, "L"], ["CN", 3, "M"], ["MY", 2, "L"], ["ID", 1, "L"]]],
  ["MX", "X", 0.6, [["US", 9, ""]]],
  ["NG", "S", 0.3, [["IT", 4, "S"], ["ES", 2, "S"], ["LY", 2, ""], ["GH", 1, "L"], ["ML", 1, "S"], ["GB", 1, ""], ["DE", 1, "S"]]],
  ["ID", "L", 0.35, [["MY", 5, "L"], ["SA", 3, "L"], ["TW", 2, "L"], ["AE", 1, "L"], ["SG", 1, "L"]]],
  ["KH", "M", 0.3, [["TH", 6, "L"], ["MY", 2, "L"], ["CN", 2, "M"]]],
  ["VN", "M", 0.3, [["CN", 3, "M"], ["GB", 3, "C"], ["TW", 2, "L"], ["MY", 1, ""], ["KH", 1, ""], ["RU", 1, "L"]]],
  ["RO", "S", 0.3, [["IT", 3, ""], ["GB", 3, "L"], ["ES", 2, "S"], ["DE", 2, "S"], ["NL", 1, "S"]]],
  ["UZ", "L", 0.25, [["RU", 6, "L"], ["KZ", 3, "L"], ["TR", 1, ""]]],
  ["BY", "X", 0.35, [["RU", 5, ""], ["PL", 2, "L"]]],
  ["TH", "X", 0.6, [["MY", 2, "S"], ["JP", 1, "S"], ["KR", 1, ""], ["IL", 1, "L"]]],
  ["KG", "L", 0.2, [["RU", 6, "L"], ["KZ", 3, "L"]]],
  ["HT", "C", 0.4, [["DO", 7, "L"], ["US", 2, ""]]],
  ["BG", "S", 0.3, [["DE", 2, "S"], ["NL", 2, "S"], ["GR", 2, ""], ["BE", 1, "S"]]],
  ["NP", "M", 0.25, [["IN", 6, "S"], ["MY", 2, "L"], ["QA", 2, "L"], ["AE", 1, "L"]]],
  ["BD", "L", 0.35, [["IN", 4, "S"], ["SA", 2, "L"], ["AE", 2, "L"], ["MY", 2, "L"]]],
  ["IN", "L", 0.85, [["AE", 1, "L"], ["SA", 1, "L"]]],
  ["ET", "L", 0.2, [["SA", 4, "L"], ["LB", 2, "L"], ["SD", 2, ""], ["KE", 1, ""]]],
  ["LK", "L", 0.3, [["SA", 2, "L"], ["KW", 2, "L"], ["AE", 2, "L"], ["JO", 1, "L"], ["LB", 1, "L"]]],
  ["GH", "C", 0.55, [["NG", 1, ""], ["LB", 1, "L"], ["KW", 1, "L"], ["LY", 1, ""]]],
  ["KZ", "X", 0.7, [["RU", 2, ""]]],
  ["ER", "C", 0.1, [["SD", 3, ""], ["LY", 3, ""], ["EG", 2, ""], ["IL", 2, "L"], ["IT", 1, ""]]],
  ["CO", "S", 0.55, [["MX", 2, "S"], ["ES", 2, "S"], ["EC", 1, ""], ["US", 1, ""]]],
  ["VE", "S", 0.2, [["CO", 5, ""], ["PE", 3, ""], ["TT", 1, "S"], ["EC", 1, ""]]],
  ["HN", "X", 0.3, [["MX", 3, ""], ["US", 3, ""], ["GT", 2, "S"]]],
  ["GT", "X", 0.45, [["MX", 3, ""], ["US", 3, "L"]]],
  ["SV", "X", 0.4, [["US", 3, ""], ["GT", 2, "S"], ["MX", 2, ""]]],
  ["AL", "S", 0.3, [["GB", 3, "C"], ["GR", 2, ""], ["IT", 2, "S"]]],
  ["CN", "X", 0.5, [["MY", 1, "S"], ["US", 1, "L"], ["TH", 1, ""], ["GB", 1, ""], ["AE", 1, ""]]],
  ["BR", "L", 0.7, [["PT", 2, "L"], ["ES", 1, "S"], ["US", 1, ""]]],
  ["LA", "M", 0.2, [["TH", 8, "L"], ["CN", 2, "M"]]],
  ["KE", "L", 0.4, [["SA", 3, "L"], ["AE", 2, "L"], ["QA", 1, "L"], ["UG", 1, ""]]],
  ["UG", "L", 0.35, [["KE", 2, ""], ["SA", 2, "L"], ["AE", 2, "L"], ["IQ", 1, "L"]]],
  ["SN", "C", 0.55, [["ML", 2, ""], ["MR", 1, ""], ["ES", 1, ""]]],
  ["DO", "S", 0.5, [["ES", 2, "S"], ["AR", 1, "S"], ["US", 1, ""]]],
  ["PK", "L", 0.6, [["AE", 2, "L"], ["SA", 2, "L"], ["GB", 1, ""]]],
  ["GB", "X", 0.95, [["ES", 1, ""]]],
  ["EG", "L", 0.5, [["SA", 1, "L"], ["LY", 1, "L"]]],
  ["SL", "C", 0.6, [["LB", 1, "L"], ["KW", 1, "L"], ["GN", 1, ""]]],
];

// Long-tail destinations, drawn uniformly for 2.5 % of people.
// biome-ignore format: compact code list
const TAIL = [
  "AF", "AO", "AR", "AT", "AU", "AZ", "BH", "BO", "BW", "CA", "CD", "CI", "CL", "CM", "CY", "DK",
  "FI", "FJ", "FR", "GA", "GE", "HU", "IE", "IR", "IS", "JM", "LT", "LU", "LV", "MA", "MG", "MN",
  "MT", "MU", "MZ", "NA", "NO", "NZ", "OM", "PA", "PY", "RS", "SE", "SK", "SY", "TN", "TZ", "UY",
  "YE", "ZA", "ZM", "ZW",
];

// Scam compound cluster (from 2021): share of each citizenship's people who fall into it.
// biome-ignore format: compact table
const SCAM_SHARE = { CN: 0.25, MM: 0.2, VN: 0.15, TH: 0.15, ID: 0.12, KE: 0.1, PH: 0.08, UG: 0.08, ET: 0.05 };
// biome-ignore format: compact table
const SCAM_DEST = [["KH", 4], ["MM", 4], ["LA", 1.5], ["PH", 0.5]];

// Domestic-share multiplier by primary type.
const DOMESTIC_FACTOR = { [SEX]: 1, [LAB]: 0.7, [MAR]: 1.1, [CRIM]: 0.8, [SLAV]: 1.5, [OTH]: 1.3 };
const TYPE_TAG = { [SEX]: "S", [LAB]: "L", [MAR]: "M", [CRIM]: "C", [SLAV]: "", [OTH]: "" };

// Second type given the primary: [type, weight].
// biome-ignore format: compact table
const CO_TYPES = {
  [SEX]: [[LAB, 5], [MAR, 2], [CRIM, 2]],
  [LAB]: [[SEX, 5], [CRIM, 2], [SLAV, 1]],
  [MAR]: [[SEX, 6], [LAB, 3]],
  [CRIM]: [[LAB, 5], [SEX, 3]],
  [SLAV]: [[LAB, 4], [SEX, 2]],
  [OTH]: [],
};

// Gender given primary type: [Female, Male, Transgender/non-binary].
const GENDER_W = {
  [SEX]: [92.5, 6.8, 0.7],
  [LAB]: [37.8, 62.1, 0.1],
  [MAR]: [97, 2.9, 0.1],
  [CRIM]: [40, 59.9, 0.1],
  [SLAV]: [55, 44.9, 0.1],
  [OTH]: [58, 41.8, 0.2],
  scam: [35, 64.9, 0.1],
};

// Age band weights given primary type, in AGE_BANDS order.
const AGE_W = {
  [SEX]: [1, 22, 16, 15, 13, 10, 15, 6, 2],
  [LAB]: [1, 7, 7, 10, 13, 13, 27, 15, 7],
  [MAR]: [0.5, 40, 22, 14, 8, 5, 7, 2, 1],
  [CRIM]: [2, 35, 12, 12, 10, 8, 14, 5, 2],
  [SLAV]: [6, 18, 8, 10, 10, 9, 20, 12, 7],
  [OTH]: [15, 25, 7, 8, 8, 7, 15, 9, 6],
  scam: [0, 2, 10, 20, 22, 18, 22, 5, 1],
};

// Recruiter relation given primary type, in RECRUITERS order.
const RECRUITER_W = {
  [SEX]: [30, 18, 14, 38],
  [LAB]: [3, 20, 12, 65],
  [MAR]: [8, 7, 70, 15],
  [CRIM]: [5, 25, 15, 55],
  [SLAV]: [2, 8, 35, 55],
  [OTH]: [5, 10, 45, 40],
  scam: [2, 30, 3, 65],
};

// Means of control given type, in MEANS order.
const MEANS_W = {
  [SEX]: [6, 10, 12, 16, 11, 10, 8, 4, 3, 6, 10],
  [LAB]: [14, 10, 10, 8, 6, 1, 10, 13, 12, 1, 12],
  [MAR]: [2, 2, 10, 16, 12, 12, 14, 4, 5, 1, 6],
  [CRIM]: [12, 6, 14, 10, 10, 2, 14, 10, 6, 4, 12],
  [SLAV]: [8, 8, 10, 12, 10, 5, 12, 6, 10, 1, 4],
  [OTH]: [4, 6, 10, 12, 10, 4, 8, 4, 6, 3, 8],
  scam: [14, 4, 14, 8, 14, 2, 16, 12, 8, 1, 16],
};

// Sector of forced labour given gender, in LABOUR order.
const LABOUR_W = {
  [FEMALE]: [18, 2, 40, 15, 1, 14, 1, 9],
  [MALE]: [28, 28, 4, 14, 9, 5, 5, 7],
  [TGNB]: [10, 4, 20, 10, 2, 36, 1, 17],
};
// Destinations of migrant domestic and construction work (Gulf, Levant, East and South-East Asia).
const LABOUR_GULF = new Set(["AE", "SA", "KW", "QA", "OM", "BH", "LB", "JO", "HK", "SG", "MY"]);
// Distant-water and coastal fishing fleets, and the citizenships crewing them.
const FISHING_COE = new Set(["TH", "TW", "KR", "FJ", "NZ"]);
const FISHING_CIT = new Set(["MM", "KH", "LA", "ID", "PH", "VN", "GH"]);
const MINING_COE = new Set(["GH", "BR", "CD", "ZA", "ZW", "TZ", "BO", "MN"]);
const KILN_COE = new Set(["IN", "BD", "PK", "NP"]); // brick kilns, garments: manufacturing
const FARM_CIT = new Set(["MX", "GT", "HN", "SV", "HT"]);

// ---------------------------------------------------------------------------------------------
// Year-level tables.

const YEAR_W = (() => {
  const out = [];
  let w = 1;
  for (let y = YEAR_FIRST; y <= YEAR_LAST; y++) {
    let f = 1;
    if (y === 2020) f = 0.75;
    if (y === 2021) f = 0.85;
    if (y === 2023) f = 0.9;
    out.push([y, w * f]);
    w *= 1.14;
  }
  return out;
})();

function citizenshipWeights(year) {
  return CITIZENSHIPS.map((c, i) => {
    let w = 1 / (i + 1);
    if (c[0] === "UA") {
      if (year >= 2022) w *= 2;
      else if (year >= 2014 && year <= 2016) w *= 1.5;
    }
    if (c[0] === "VE") {
      if (year < 2014) w = 0;
      else if (year >= 2017) w *= 3;
    }
    return [c, w];
  });
}

function dataSourceWeights(year, coe) {
  let hotline = year < 2007 ? 0 : Math.min(0.9, 0.12 * (year - 2006));
  const partner = 0.1 + 0.035 * (year - YEAR_FIRST);
  if (coe === "US") hotline *= 4;
  else if (coe === "MX") hotline *= 1.5;
  return [
    [CM, 1],
    [HOTLINE, hotline],
    [PARTNER, partner],
  ];
}

// ---------------------------------------------------------------------------------------------
// People.

function makePerson(rng) {
  const year = pick(rng, YEAR_W);
  const [cit, profile, domestic, dests] = pick(rng, citizenshipWeights(year));
  const scam = year >= 2021 && chance(rng, SCAM_SHARE[cit] ?? 0);

  // Exploitation types.
  const primary = scam
    ? CRIM
    : pick(
        rng,
        TYPES.map((t, i) => [t, PROFILES[profile][i]]),
      );
  const types = new Set([primary]);
  const secondChance = scam ? 0.2 : 0.11;
  if (CO_TYPES[primary].length > 0 && chance(rng, secondChance)) {
    types.add(pick(rng, CO_TYPES[primary]));
  }
  const key = scam ? "scam" : primary;

  // Country of exploitation.
  let coe;
  if (scam) coe = pick(rng, SCAM_DEST);
  else if (chance(rng, 0.025)) coe = TAIL[Math.floor(rng() * TAIL.length)];
  else if (chance(rng, Math.min(0.97, domestic * DOMESTIC_FACTOR[primary]))) coe = cit;
  else {
    const tag = TYPE_TAG[primary];
    coe = pick(
      rng,
      dests.map(([d, w, tags]) => [
        d,
        tags === "" ? w : tag !== "" && tags.includes(tag) ? w * 3 : w * 0.4,
      ]),
    );
  }
  const abroad = coe !== cit;

  const source = pick(rng, dataSourceWeights(year, coe));

  const gender = pick(
    rng,
    [FEMALE, MALE, TGNB].map((g, i) => [g, GENDER_W[key][i]]),
  );

  const age = pick(
    rng,
    AGE_BANDS.map((a, i) => {
      let w = AGE_W[key][i];
      // Men in forced labour are a little older.
      if (gender === MALE && primary === LAB && i >= 6) w *= 1.3;
      return [a, w];
    }),
  );

  const recruiter = pick(
    rng,
    RECRUITERS.map((r, i) => {
      let w = RECRUITER_W[key][i];
      if (r === "Intimate partner") {
        if (age === "0-8") w = 0;
        else if (age === "9-17") w *= 0.5;
        if (gender === MALE) w *= 0.4;
      }
      if (r === "Family member" && MINOR_BANDS.has(age)) w *= 2.5;
      return [r, w];
    }),
  );

  // Means of control (before missingness).
  const nMeans =
    source === HOTLINE
      ? pick(rng, [
          [1, 45],
          [2, 30],
          [3, 17],
          [4, 8],
        ])
      : pick(rng, [
          [1, 30],
          [2, 30],
          [3, 25],
          [4, 15],
        ]);
  const meansW = MEANS.map((m, i) => {
    let w = MEANS_W[key][i];
    for (const t of types) if (t !== primary) w += 0.5 * MEANS_W[t][i];
    if (recruiter === "Intimate partner") {
      if (m === "Psychological abuse") w *= 1.8;
      if (m === "Physical abuse") w *= 1.5;
      if (m === "Sexual abuse") w *= 1.3;
    }
    if (recruiter === "Family member" && m === "Psychological abuse") w *= 1.3;
    if (abroad) {
      if (m === "Withholds documents") w *= 2;
      if (m === "False promises") w *= 1.5;
      if (m === "Debt bondage") w *= 1.3;
    } else if (m === "Withholds documents") w *= 0.4;
    if (MINOR_BANDS.has(age) && m === "Excessive working hours") w *= 0.6;
    return [m, w];
  });
  const means = new Set(pickDistinct(rng, meansW, nMeans));

  // Sector of forced labour (only for people in forced labour).
  const labour = types.has(LAB) ? labourSector(rng, { cit, coe, gender, age, scam }) : "";

  // Number of rows.
  let p2 = 0.12;
  let p3 = 0.03;
  if (types.size > 1) {
    p2 *= 1.5;
    p3 *= 1.5;
  }
  if (source === HOTLINE) {
    p2 *= 0.6;
    p3 *= 0.6;
  }
  const u = rng();
  const nRows = u < p3 ? 3 : u < p3 + p2 ? 2 : 1;

  return { year, cit, coe, source, gender, age, recruiter, types, means, labour, nRows };
}

/** The sector of a person in forced labour: by gender, then citizenship, destination and age. */
function labourSector(rng, { cit, coe, gender, age, scam }) {
  const minor = MINOR_BANDS.has(age);
  return pick(
    rng,
    LABOUR.map((sector, i) => {
      let w = LABOUR_W[gender][i];
      if (LABOUR_GULF.has(coe)) {
        if (sector === "Domestic work") w *= 3;
        if (sector === "Construction") w *= 2;
        if (sector === "Agriculture") w *= 0.4;
      }
      if (sector === "Fishing") {
        if (FISHING_COE.has(coe)) w *= 5;
        if (FISHING_CIT.has(cit)) w *= 2;
        if (coe === "GH" && minor) w *= 4; // children on Lake Volta
      }
      if (sector === "Construction" && ["RU", "KZ", "PL", "CZ"].includes(coe)) w *= 2.5;
      if (sector === "Agriculture") {
        if (FARM_CIT.has(cit) || coe === "DO" || coe === "US" || coe === "IT" || coe === "ES")
          w *= 2.5;
        if (coe === cit) w *= 1.3;
        if (minor) w *= 1.8;
      }
      if (sector === "Mining" && MINING_COE.has(coe)) w *= 6;
      if (sector === "Manufacturing" && KILN_COE.has(coe)) w *= 2.5;
      if (sector === "Hospitality" && ["GB", "DE", "NL", "IT", "ES", "US"].includes(coe)) w *= 1.8;
      if (minor) {
        if (sector === "Domestic work") w *= 1.5;
        if (sector === "Construction") w *= 0.3;
        if (sector === "Other") w *= 1.5; // begging, street vending
      }
      if (scam && sector === "Other") w *= 6; // call centres and compounds
      return [sector, w];
    }),
  );
}

/**
 * Splits a set over n rows: each value goes to one random row and to each other row w.p. p;
 * a row left empty gets one random value, so no row loses the set entirely.
 */
function spread(rng, values, n, p) {
  const all = [...values];
  const rows = Array.from({ length: n }, () => new Set());
  for (const v of all) {
    const home = Math.floor(rng() * n);
    for (let r = 0; r < n; r++) if (r === home || chance(rng, p)) rows[r].add(v);
  }
  for (const row of rows)
    if (row.size === 0 && all.length > 0) row.add(all[Math.floor(rng() * all.length)]);
  return rows;
}

const joinIn = (order, set) => order.filter((v) => set.has(v)).join(";");

// Recording depth of a case record: brief (a call or a referral note), standard, or full (a case
// file with an intake interview). Weights [brief, standard, full] by data source.
const DEPTH_W = {
  [HOTLINE]: [70, 27, 3],
  [PARTNER]: [25, 60, 15],
  [CM]: [5, 50, 45],
};
// Probability that a cell is blank, by recording depth [brief, standard, full], before the
// adjustments in personRows.
const BLANK = {
  gender: [0.12, 0.02, 0.003],
  age: [0.55, 0.12, 0.02],
  cit: [0.45, 0.08, 0.01],
  coe: [0.25, 0.05, 0.01],
  types: [0.1, 0.02, 0.005],
  means: [0.93, 0.5, 0.06],
  recruiter: [0.97, 0.8, 0.14],
  labour: [0.99, 0.85, 0.2],
};

function personRows(rng, person, subjectId, nRows) {
  const { year, source } = person;
  const typeRows = spread(rng, person.types, nRows, 0.5);
  const meansRows = spread(rng, person.means, nRows, 0.55);
  const abroad = person.coe !== person.cit;
  // Older records are shorter: full records are rarer and brief ones more common before 2012.
  const yearFactor = Math.min(1, 0.3 + 0.07 * (year - YEAR_FIRST));
  const depthW = DEPTH_W[source].map((w, i) => [
    i,
    i === 0 ? w / yearFactor : i === 2 ? w * yearFactor : w,
  ]);
  const rows = [];
  for (let r = 0; r < nRows; r++) {
    const depth = pick(rng, depthW);
    const sparse = chance(rng, 0.015);
    // A person's 2nd and 3rd records repeat less of what is known.
    const dup = r > 0 ? 0.08 : 0;
    const dupMulti = r > 0 ? 0.06 : 0;
    // Factors scale the odds of a blank (so a blank probability near 1 stays below 1).
    const keep = (column, factor = 1, extra = dup) => {
      if (sparse && chance(rng, 0.7)) return false;
      const p = BLANK[column][depth];
      return !chance(rng, (p * factor) / (p * factor + 1 - p) + extra);
    };
    // Before 2010 every cell is blank more often.
    const early = year < 2010 ? 1.3 : 1;
    const gender = keep("gender", early) ? person.gender : "";
    const age = keep("age", early) ? person.age : "";
    const cit = keep("cit", early) ? person.cit : "";
    const coe = keep("coe", early) ? person.coe : "";
    const types = keep("types", early, dupMulti) ? joinIn(TYPES, typeRows[r]) : "";
    // Means of control come mostly from case management; hotline calls seldom record them.
    const meansFactor = early * (source === HOTLINE ? 1.05 : source === CM ? 0.8 : 1);
    const means = keep("means", meansFactor, dupMulti) ? joinIn(MEANS, meansRows[r]) : "";
    // The recruiter is recorded more often for people exploited abroad (migration case work)
    // and for children (the family is often involved).
    const recFactor = early * (abroad ? 0.6 : 1.25) * (MINOR_BANDS.has(person.age) ? 0.85 : 1);
    const recruiter = keep("recruiter", recFactor) ? person.recruiter : "";
    // The sector is recorded only on records that say Forced labour, more often for migrant
    // workers and in recent years.
    const labourFactor = early * (abroad ? 0.8 : 1.1) * (year >= 2015 ? 0.9 : 1);
    const labour =
      person.labour !== "" && typeRows[r].has(LAB) && types !== "" && keep("labour", labourFactor)
        ? person.labour
        : "";
    rows.push({
      subjectId,
      year: String(year),
      gender,
      age,
      cit,
      coe,
      types,
      labour,
      means,
      recruiter,
      source,
    });
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Data set and CSV.

export function generate(seed, nRows) {
  const rng = makeRng(seed);
  const idWidth = Math.max(5, String(nRows).length);
  const rows = [];
  let people = 0;
  while (rows.length < nRows) {
    const person = makePerson(rng);
    people++;
    const subjectId = `S${String(people).padStart(idWidth, "0")}`;
    const n = Math.min(person.nRows, nRows - rows.length);
    for (const row of personRows(rng, person, subjectId, n)) rows.push(row);
  }
  // Order by year, shuffled within a year (Fisher-Yates on a random key, then stable sort).
  const keyed = rows.map((row, i) => ({ row, key: i }));
  for (let i = keyed.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = keyed[i].key;
    keyed[i].key = keyed[j].key;
    keyed[j].key = t;
  }
  keyed.sort((a, b) => Number(a.row.year) - Number(b.row.year) || a.key - b.key);
  const caseWidth = Math.max(6, String(nRows).length);
  const out = keyed.map(({ row }, i) => ({
    caseId: `C${String(i + 1).padStart(caseWidth, "0")}`,
    ...row,
  }));
  return { rows: out, people };
}

const HEADER = [
  "case_id",
  "subject_id",
  "year_of_registration",
  "gender",
  "age_band",
  "citizenship",
  "country_of_exploitation",
  "type_of_exploitation",
  "type_of_labour",
  "means_of_control",
  "recruiter_relation",
  "data_source",
];

function csvCell(v) {
  return /[",\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

export function toCsv(rows) {
  const lines = [HEADER.join(",")];
  for (const r of rows) {
    lines.push(
      [
        r.caseId,
        r.subjectId,
        r.year,
        r.gender,
        r.age,
        r.cit,
        r.coe,
        r.types,
        r.labour,
        r.means,
        r.recruiter,
        r.source,
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// CLI.

function parseArgs(argv) {
  const opts = { seed: DEFAULT_SEED, rows: DEFAULT_ROWS, out: DEFAULT_OUT };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i];
    let value;
    const eq = arg.indexOf("=");
    if (arg.startsWith("--") && eq > 0) {
      value = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = () => {
      if (value !== undefined) return value;
      if (i + 1 >= argv.length) throw new Error(`${arg} needs a value.`);
      return argv[++i];
    };
    const int = (s, min, max) => {
      if (!/^\d+$/.test(s) || Number(s) < min || Number(s) > max) {
        throw new Error(`${arg} must be an integer from ${min} to ${max}, got "${s}".`);
      }
      return Number(s);
    };
    if (arg === "--seed") opts.seed = int(take(), 0, 4294967295);
    else if (arg === "--rows") opts.rows = int(take(), 1, 10_000_000);
    else if (arg === "--out") opts.out = resolve(take());
    else if (arg === "--help" || arg === "-h") opts.help = true;
    else throw new Error(`Unknown argument "${arg}". Usage: ${USAGE}`);
  }
  return opts;
}

const USAGE = "node scripts/gen-sample.mjs [--seed N] [--rows N] [--out path]";

function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`gen-sample: ${e.message}\n`);
    process.exit(2);
  }
  if (opts.help) {
    process.stdout.write(
      `Usage: ${USAGE}\nWrites a SIMULATED CTDC-shaped case data set (defaults: seed ${DEFAULT_SEED}, ${DEFAULT_ROWS} rows, ${DEFAULT_OUT}).\n`,
    );
    return;
  }
  const { rows, people } = generate(opts.seed, opts.rows);
  const csv = toCsv(rows);
  mkdirSync(dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, csv, "utf8");
  process.stdout.write(
    `Wrote ${rows.length} rows about ${people} simulated people (seed ${opts.seed}, ${Buffer.byteLength(csv)} bytes) to ${opts.out}\n`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
