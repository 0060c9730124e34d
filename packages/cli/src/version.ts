import packageJson from '../package.json' with { type: 'json' };

export const VERSION: string = packageJson.version;
/** The audit log records requests with this user agent as made `via: cli`. */
export const USER_AGENT = `rampart-cli/${VERSION}`;
