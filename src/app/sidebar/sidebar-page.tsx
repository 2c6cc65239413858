// The sidebar page: renders what the SidebarController says, with the sidebar's components
// (props only). Nothing when no 1:1 is open; the compact "not a 1:1" offer for a group event,
// whose height goes to the host page (its iframe is docked just as tall). Escape that no control
// used saves the notes and asks the host page to close Calendar's dialog.
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { closeDialogOnEscape, reportDockHeight } from '../../messaging/sidebar-dock';
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
  useEffect(() => closeDialogOnEscape(document, { beforeClose: () => void controller.saveNow() }), [controller]);
  const offer = useRef<HTMLDivElement>(null);
  const offerKey = screen.kind === 'not-one-on-one' ? screen.key : undefined;
  useEffect(() => (offer.current ? reportDockHeight(offer.current) : undefined), [offerKey]);

  switch (screen.kind) {
    case 'nothing':
      return null;
    case 'one-on-one':
      return <SidebarView {...screen.model} {...screen.callbacks} />;
    case 'not-one-on-one':
      return (
        <div ref={offer}>
          <GroupEventView key={screen.key} {...screen.props} />
        </div>
      );
    case 'problem':
      return (
        <aside class="occ-root occ-sidebar" aria-label={screen.label}>
          <StorageProblem message={screen.message} onReload={() => env.reload()} />
        </aside>
      );
  }
}
