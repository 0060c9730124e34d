import { usePermissions } from '../../auth/permissions.js';
import { TokensSection } from './tokens-section.js';
import { UsersSection } from './users-section.js';
import './people.css';

/** People: admins manage users; everyone signed in as a person manages their own tokens. */
export function PeoplePage() {
  const { isAdmin, me } = usePermissions();
  return (
    <div className="people">
      <h1>People</h1>
      {isAdmin ? <UsersSection /> : <p className="muted">Admins invite people and change their roles.</p>}
      {me.kind === 'person' && <TokensSection />}
    </div>
  );
}
