import { render } from 'preact';
import { useSidebarContext } from '../../src/messaging/sidebar-context';

// The sidebar's landmark, named after the other person, from the context the background hands
// over (src/messaging/sidebar-context.ts). Its body (notes, action items, targets) comes later.
function App() {
  const context = useSidebarContext();
  if (!context || !context.classification.isOneOnOne) return null;
  const other = context.classification.other;
  const name = other.displayName || other.email || 'someone';
  return (
    <aside aria-label={context.label ?? `1:1 with ${name}`} class="sidebar" style={{ padding: '16px 20px' }}>
      <h1 class="sidebar__person" style={{ font: '400 22px/28px inherit', margin: '0 0 4px' }}>
        {name}
      </h1>
      {other.email && other.email !== name ? <p class="sidebar__email">{other.email}</p> : null}
      <p class="sidebar__event">{context.pageEvent.title}</p>
    </aside>
  );
}

document.body.style.margin = '0';
document.body.style.font = '14px/20px system-ui, "Google Sans", Roboto, Arial, sans-serif';
document.body.style.color = '#202124';
render(<App />, document.getElementById('app')!);
