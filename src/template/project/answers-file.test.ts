import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/fixtures.js';
import { readAnswersFile } from './answers-file.js';

describe('reading the answers file', () => {
  it('reads values as Copier (PyYAML) does: a commit id of digits with a leading zero stays a string', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, '.copier-answers.yml'), '_commit: 0583121\n_src_path: ../tpl\nport: 08\nreplicas: 3\nenabled: yes\nn: no\n');
    const answers = await readAnswersFile(dir);
    expect(answers.commit).toBe('0583121');
    expect(answers.answers).toEqual({ port: '08', replicas: 3, enabled: true, n: false });
  });
});
