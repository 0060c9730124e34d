import { Time } from '../../ui/time.js';

/** How an invitation or a reset link is used, and until when. */
export function InvitationNote({ expiresAt }: { expiresAt: string }) {
  return (
    <p className="muted">
      It works once, until <Time value={expiresAt} />. The person sets their password (12 characters or more) by sending
      it to the link: <code>POST</code> with <code>{'{"password": "…"}'}</code>.
    </p>
  );
}
