import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, problemOf, unwrap, type Schemas } from '../../api.js';
import { Time } from '../../ui/time.js';
import { deliveryStatus, lastError } from './deliveries-rules.js';

const PAGE = 20;

/**
 * A webhook's deliveries, newest first, a page at a time. Attempts are not changes, so they
 * do not arrive live: "Refresh" reads them again.
 */
export function DeliveriesPanel({ webhook, id }: { webhook: Schemas['Webhook']; id: string }) {
  const deliveries = useInfiniteQuery({
    queryKey: ['webhooks', webhook.id, 'deliveries'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/webhooks/{id}/deliveries', {
          params: {
            path: { id: webhook.id },
            query: { limit: PAGE, ...(pageParam === '' ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = deliveries.data?.pages.flatMap((page) => page.deliveries) ?? [];
  return (
    <section id={id} className="deliveries" aria-label={`Deliveries of ${webhook.url}`}>
      <div className="deliveries-head">
        <h3>Deliveries</h3>
        <button
          type="button"
          className="small"
          disabled={deliveries.isFetching}
          onClick={() => void deliveries.refetch()}
        >
          Refresh
        </button>
      </div>
      {deliveries.isPending ? (
        <p className="loading">Loading…</p>
      ) : deliveries.isError ? (
        <p role="alert" className="error">
          {problemOf(deliveries.error).message}
        </p>
      ) : rows.length === 0 ? (
        <p>No deliveries yet: events are sent here as changes happen.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Event</th>
              <th scope="col">Created</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Next attempt</th>
              <th scope="col">Last error</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((delivery) => (
              <tr key={delivery.id}>
                <th scope="row">
                  <code>{delivery.eventType}</code>
                  <div className="delivery-id">{delivery.id}</div>
                </th>
                <td>
                  <Time value={delivery.createdAt} />
                </td>
                <td className={`delivery-${delivery.status}`}>{deliveryStatus(delivery)}</td>
                <td>{delivery.attempts.length}</td>
                <td>
                  <Time value={delivery.nextAttemptAt} />
                </td>
                <td>{lastError(delivery) ?? <span className="muted">—</span>}</td>
                <td>
                  <RedeliverButton webhook={webhook} delivery={delivery} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {deliveries.hasNextPage && (
        <button type="button" disabled={deliveries.isFetchingNextPage} onClick={() => void deliveries.fetchNextPage()}>
          Older deliveries
        </button>
      )}
    </section>
  );
}

function RedeliverButton({ webhook, delivery }: { webhook: Schemas['Webhook']; delivery: Schemas['Delivery'] }) {
  const queryClient = useQueryClient();
  const redeliver = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
          params: { path: { id: webhook.id, deliveryId: delivery.id } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks', webhook.id, 'deliveries'] }),
  });
  return (
    <div className="redeliver">
      <button
        type="button"
        className="small"
        aria-label={`Redeliver ${delivery.id}`}
        disabled={redeliver.isPending}
        onClick={() => redeliver.mutate()}
      >
        Redeliver
      </button>
      {redeliver.isError && (
        <span role="alert" className="error">
          {problemOf(redeliver.error).message}
        </span>
      )}
      <span role="status" className="muted">
        {redeliver.isSuccess ? 'Queued again.' : ''}
      </span>
    </div>
  );
}
