// Regenerates schema/config.schema.json from the zod schema (npm run schema).
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../src/config-schema.js";

const target = new URL("../schema/config.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);
