/**
 * Run by crash-safety.test.ts in its own process, with PAVED_CRASH_AT set so that it dies
 * half way: `node --import tsx crash-child.ts <workspace> <scenario> <work repo>`.
 */
import { openPlatform } from '../../src/platform/platform.js';

const [workspace, scenario, work] = process.argv.slice(2) as [string, string, string];
const platform = await openPlatform(workspace);
const repo = { owner: 'acme', name: 'gitops' };
if (scenario === 'push') await platform.forge.push(repo, work, [{ src: 'HEAD', dst: 'paved/update' }]);
else if (scenario === 'open') await platform.forge.openPullRequest(repo, { head: 'paved/update', title: 'Template update' });
else if (scenario === 'merge') await platform.forge.mergePullRequest(repo, 1, { method: 'merge', deleteBranch: true });
else throw new Error(`unknown scenario ${scenario}`);
await platform.close();
console.log('finished without crashing');
