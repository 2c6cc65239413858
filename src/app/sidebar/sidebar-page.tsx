// The sidebar page: renders what the SidebarController says, with the sidebar's components
// (props only). Nothing when no 1:1 is open.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { GroupEventView, SidebarView } from '../../ui/sidebar';
import { StorageProblem } from '../StoragePanel';
import type { SidebarEnvironment } from './environment';
import { SidebarController, type SidebarScreen } from './sidebar-controller';

export function SidebarPage({ env }: { env: SidebarEnvironment }) {
  const controller = useMemo(() => new SidebarController(env), [env]);
  const [screen, setScreen] = useState<SidebarScreen>(controller.current());
  useEffect(() => {
    const unsubscribe = controller.subscribe(setScreen);
    controller.start();
    return () => {
      unsubscribe();
      controller.stop();
    };
  }, [controller]);

  switch (screen.kind) {
    case 'nothing':
      return null;
    case 'one-on-one':
      return <SidebarView {...screen.model} {...screen.callbacks} />;
    case 'not-one-on-one':
      return <GroupEventView {...screen.props} />;
    case 'problem':
      return (
        <aside class="occ-root occ-sidebar" aria-label={screen.label}>
          <StorageProblem message={screen.message} onReload={() => env.reload()} />
        </aside>
      );
  }
}
