import { Time } from '../../ui/time.js';

/** How an invitation or a reset link is used, and until when. */
export function InvitationNote({ expiresAt }: { expiresAt: string }) {
  return (
    <p className="muted">
      Send it to the person: it works once, until <Time value={expiresAt} />. They open it in a browser and choose their
      password (12 characters or more) there.
    </p>
  );
}
