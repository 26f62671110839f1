/** Who the caller is, for the portal's header and its create form's team choice. */
import { isAdmin } from '../platform/access.js';
import { route } from './route.js';

export const sessionRoutes = [
  route({
    id: 'getSession', method: 'GET', path: '/session', tag: 'platform', summary: "The caller: login, name, admin, teams; null login for an anonymous reader",
    handle: async ({ platform, login }) => {
      const { config } = platform.workspace;
      const user = login === undefined ? undefined : config.users.find((u) => u.login === login);
      return {
        login: login ?? null,
        name: user?.name || login || null,
        admin: login !== undefined && isAdmin(config, login),
        teams: login === undefined ? [] : config.teams.filter((t) => t.members.includes(login)).map((t) => t.name),
        organisation: config.organisation,
        anonymousRead: config.forge.kind === 'local' && config.forge.anonymousRead,
      };
    },
  }),
];
