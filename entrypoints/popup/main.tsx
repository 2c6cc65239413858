import { render } from 'preact';
import { browserPageEnvironment } from '../../src/app/browser-environment';
import { PopupPage } from '../../src/app/popup-page';

// Wiring only: the popup's data, actions and live refresh live in src/app/popup-page.tsx.
render(<PopupPage env={browserPageEnvironment({ popup: true })} />, document.getElementById('app')!);
