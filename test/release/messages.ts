/** Seeded random commit messages for differential tests against release-please: summaries, bodies, footers, quirks. */
export function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const WORDS = ['feat', 'fix', 'Refs', 'BREAKING CHANGE', 'BREAKING-CHANGE', 'Release-As', 'x', '*', '!', '#', '(', ')', '(scope)', '()', ':', ' #', '\t', '12', '#12', 'fix(a)', 'a(b', 'call(x)', '- item', '#### head', '@user', '<b>', '`code`'];
const FOOTERS = ['Refs: #12', 'Closes #34', 'BREAKING CHANGE: routes moved (#9)', 'BREAKING-CHANGE: also', 'Release-As: 2.0.0', 'Signed-off-by: A <a@b>', '  continued here', '\tmore', 'fix(x): footer commit', 'feat!: bang footer', 'Refs #7', '- bullet', '* star', 'BREAKING CHANGES: plural', 'text BREAKING-CHANGE: inline'];
const HEADS = ['feat', 'fix', 'chore', 'feat(web)', 'fix(api)!', 'feat!', 'perf', 'revert', 'docs', 'weird type', 'feat()', 'feat(a', 'feat(*)', 'FEAT'];
const SUBJECTS = ['add thing', '', 'fix #12 now', 'use @bob code', 'x (#45)', 'a <b> c', '`x<y`', 'Zeta', 'émoji ✓'];

export function message(rnd: () => number): string {
  const pick = <T>(a: T[]): T => a[Math.floor(rnd() * a.length)]!;
  let m = pick(HEADS) + pick([': ', '!: ', ':', '::', ' : ']) + pick(SUBJECTS);
  const lines = Math.floor(rnd() * 7);
  for (let i = 0; i < lines; i++) {
    let line = '';
    if (rnd() < 0.5) line = pick(FOOTERS);
    else for (let w = 1 + Math.floor(rnd() * 5); w > 0; w--) line += pick(WORDS) + pick(['', ' ', ':', ': ', '(', '!']);
    m += pick(['\n', '\n\n', '\n\n\n', '\n ']) + line;
  }
  return m;
}
