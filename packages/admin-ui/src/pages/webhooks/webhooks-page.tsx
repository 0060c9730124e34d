import { useQuery } from '@tanstack/react-query';
import { Fragment, useId, useState } from 'react';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { usePermissions } from '../../auth/permissions.js';
import { CreateWebhookButton } from './create-webhook-dialog.js';
import { DeliveriesPanel } from './deliveries-panel.js';
import { EditWebhookButton } from './edit-webhook-dialog.js';
import { DeleteWebhookButton, EnableWebhookButton } from './webhook-actions.js';
import { describeEnvironments, describeEvents } from './webhook-form-rules.js';
import './webhooks.css';

/** Webhooks, for admins: where events go, whether they are sent, and each one's deliveries. */
export function WebhooksPage() {
  const { isAdmin } = usePermissions();
  return (
    <>
      <div className="page-head">
        <h1>Webhooks</h1>
        {isAdmin && <CreateWebhookButton />}
      </div>
      {isAdmin ? <WebhookTable /> : <p>Webhooks are managed by admins.</p>}
    </>
  );
}

const COLUMNS = 6;

function WebhookTable() {
  const webhooks = useQuery({
    queryKey: ['webhooks'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/webhooks'))).webhooks,
  });
  if (webhooks.isPending) return <p className="loading">Loading…</p>;
  if (webhooks.isError) {
    return (
      <p role="alert" className="error">
        {problemOf(webhooks.error).message}
      </p>
    );
  }
  if (webhooks.data.length === 0) return <p>No webhooks yet: create one to tell another system about every change.</p>;
  return (
    <table className="webhooks">
      <thead>
        <tr>
          <th scope="col">URL</th>
          <th scope="col">Format</th>
          <th scope="col">Events</th>
          <th scope="col">Environments</th>
          <th scope="col">Status</th>
          <th scope="col">Actions</th>
        </tr>
      </thead>
      <tbody>
        {webhooks.data.map((webhook) => (
          <WebhookRow key={webhook.id} webhook={webhook} />
        ))}
      </tbody>
    </table>
  );
}

function WebhookRow({ webhook }: { webhook: Schemas['Webhook'] }) {
  const panelId = useId();
  const [showDeliveries, setShowDeliveries] = useState(false);
  return (
    <Fragment>
      <tr className={webhook.enabled ? undefined : 'inactive'}>
        <th scope="row" className="webhook-url">
          {webhook.url}
        </th>
        <td>{webhook.format}</td>
        <td>{describeEvents(webhook.events)}</td>
        <td>{describeEnvironments(webhook.environments)}</td>
        <td>
          {webhook.enabled ? (
            'Enabled'
          ) : (
            <>
              <span className="badge disabled">Disabled</span>
              {webhook.disabledReason !== null && <div className="reason">{webhook.disabledReason}</div>}
            </>
          )}
        </td>
        <td>
          <div className="row-actions">
            <button
              type="button"
              className="small"
              aria-expanded={showDeliveries}
              aria-controls={showDeliveries ? panelId : undefined}
              aria-label={`Deliveries of ${webhook.url}`}
              onClick={() => setShowDeliveries((shown) => !shown)}
            >
              <span aria-hidden="true">{showDeliveries ? '▾ ' : '▸ '}</span>
              Deliveries
            </button>
            <EditWebhookButton webhook={webhook} />
            <EnableWebhookButton webhook={webhook} />
            <DeleteWebhookButton webhook={webhook} />
          </div>
        </td>
      </tr>
      {showDeliveries && (
        <tr className="deliveries-row">
          <td colSpan={COLUMNS}>
            <DeliveriesPanel webhook={webhook} id={panelId} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}
