import { render } from 'preact';
import { browserSidebarEnvironment } from '../../src/app/sidebar/browser-environment';
import { SidebarPage } from '../../src/app/sidebar/sidebar-page';

// Wiring only: the sidebar's data, autosave and actions live in src/app/sidebar/.
render(<SidebarPage env={browserSidebarEnvironment()} />, document.getElementById('app')!);
