// Written by the screen's own change.
export function AuditPage(props: { flagKey?: string }) {
  return <h1>{props.flagKey ?? 'Not yet'}</h1>;
}
