import { useFlag, useFlags } from '@rampart/sdk-react';

/** The checkout banner: shown while `new-checkout` is on for this visitor. */
export function CheckoutBanner() {
  const on = useFlag('new-checkout');
  return on ? (
    <aside data-testid="new-checkout-banner" className="banner">
      Try the new checkout: one page, no sign-up.
    </aside>
  ) : null;
}

function FlagStatus() {
  const { status } = useFlags();
  return <footer data-testid="flag-status">flags: {status}</footer>;
}

/** The shop page. */
export function App() {
  return (
    <main>
      <h1>Rampart shop</h1>
      <CheckoutBanner />
      <p>Three items in your basket.</p>
      <FlagStatus />
    </main>
  );
}
