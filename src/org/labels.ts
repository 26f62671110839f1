/**
 * The labels the platform's automations put on pull requests, created up front on every managed
 * repository so they carry a colour and a description instead of the forge's blank default. The
 * names are the fleet's (src/fleet/sync-unit.ts) and release-please's defaults
 * (src/release/labels.ts); labels.test.ts holds them to those sources.
 */
export interface LabelSpec {
  name: string;
  /** Six hex digits, lower case, no `#`. */
  color: string;
  description: string;
}

export const PLATFORM_LABELS: readonly LabelSpec[] = [
  { name: 'autorelease: pending', color: 'fbca04', description: 'Release pull request: merge to release; tagged by paved release tag' },
  { name: 'autorelease: tagged', color: '0e8a16', description: 'Release pull request whose releases are tagged' },
  { name: 'template-update', color: '1d76db', description: 'Template update opened by the Paved fleet' },
  { name: 'template-update-conflicts', color: 'd93f0b', description: 'Template update with conflicts to resolve before merging' },
];
