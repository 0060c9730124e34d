/** What the reference SSE servers send on connect: a snapshot event of about the size of Rampart's for one flag. */
export const SNAPSHOT_EVENT = `event: snapshot\nid: 3\ndata: ${JSON.stringify({
  environment: 'production',
  version: 3,
  flags: [
    {
      key: 'checkout',
      type: 'boolean',
      enabled: true,
      rules: [{ id: 'abcdefgh', rollout: { percentage: 100 } }],
      variants: [],
      prerequisites: [],
    },
  ],
  segments: [],
})}\n\n`;

export const HEARTBEAT_MS = 15_000;
