// Written by the screen's own change.
export function EnvironmentsPage(props: { flagKey?: string }) {
  return <h1>{props.flagKey ?? 'Not yet'}</h1>;
}
