import { Link } from 'wouter';
import type { Schemas } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { ArchiveButton } from './archive-button.js';
import { EditFlagButton } from './edit-flag-dialog.js';
import '../../ui/editor.css';
import './flag.css';

/** A flag's key and details (type, description, tags, owner, lifetime, client-side); editing and archiving for editors and admins. */
export function FlagHeader({ flag }: { flag: Schemas['FlagWithEnvironments'] }) {
  const { canEdit } = usePermissions();
  return (
    <header className="flag-head">
      <p className="crumbs">
        <Link href="/flags">All flags</Link>
      </p>
      <div className="flag-title">
        <h1>{flag.key}</h1>
        <span className="badge">{flag.type}</span>
        <span className="badge">{flag.temporary ? 'temporary' : 'permanent'}</span>
        {flag.clientSide && <span className="badge">client-side</span>}
        {flag.archived && <span className="badge archived">archived</span>}
      </div>
      <dl className="flag-meta">
        <dt>Description</dt>
        <dd>{flag.description === '' ? <span className="muted">none</span> : flag.description}</dd>
        <dt>Tags</dt>
        <dd>
          {flag.tags.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            flag.tags.map((tag) => (
              <span className="tag" key={tag}>
                {tag}
              </span>
            ))
          )}
        </dd>
        <dt>Owner</dt>
        <dd>{flag.owner === '' ? <span className="muted">nobody named</span> : flag.owner}</dd>
        <dt>Lifetime</dt>
        <dd>{flag.temporary ? 'Temporary: a release flag, to be removed once released' : 'Permanent'}</dd>
        <dt>Client-side</dt>
        <dd>{flag.clientSide ? 'Yes: browsers’ client keys receive it' : 'No: server keys only'}</dd>
      </dl>
      {canEdit && (
        <div className="flag-actions">
          {!flag.archived && <EditFlagButton flag={flag} />}
          <ArchiveButton flag={flag} />
        </div>
      )}
    </header>
  );
}
