/**
 * `org:` in paved.yaml: how `paved org plan | apply` manages the organisation on the forge (teams,
 * their members and repository permissions, branch protection, labels). Everything has a default,
 * so a workspace without the section gets the platform's conventions (docs/org.md).
 */
import { z } from 'zod';

export const OrgSchema = z.strictObject({
  /** Approving reviews a pull request into a default branch needs. */
  requiredReviews: z.int().min(0).max(6).default(1),
  /**
   * Status checks every default branch requires. Absent: each repository's own, read from its
   * `.github/workflows/ci.yml` (the golden-path CI job names); an empty list requires none.
   */
  requiredChecks: z.array(z.string().min(1)).optional(),
  /** What the teams owning a repository's components get on it. */
  ownerPermission: z.enum(['push', 'maintain']).default('push'),
  /** The team that gets admin on every managed repository; default: the team named `platform`, if any. */
  platformTeam: z.string().optional(),
  /** Hold admins to branch protection too (GitHub's "do not allow bypassing"). */
  enforceAdmins: z.boolean().default(false),
  /**
   * Also remove what paved.yaml no longer asks for, from the teams it names only: members, and
   * team permissions on managed repositories. Off by default: `apply` then only adds and corrects.
   * Teams, repositories and labels are never deleted.
   */
  prune: z.boolean().default(false),
});

export type OrgConfig = z.infer<typeof OrgSchema>;

/** The section as `paved org` uses it, defaults applied. */
export function orgSettings(config: { org?: z.input<typeof OrgSchema> | OrgConfig }): OrgConfig {
  return OrgSchema.parse(config.org ?? {});
}
