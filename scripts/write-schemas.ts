// `npm run schemas`: writes the JSON schemas published in docs/ from their zod sources.
// A test fails when a committed schema is out of date.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deploySpecJsonSchema } from '../src/deploy/spec.js';

const docs = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../docs');
writeFileSync(path.join(docs, 'deploy-spec.schema.json'), `${JSON.stringify(deploySpecJsonSchema(), null, 2)}\n`);
console.log('wrote docs/deploy-spec.schema.json');
