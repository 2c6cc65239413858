import { render } from 'preact';
import { browserPageEnvironment } from '../../src/app/browser-environment';
import { OptionsPageContainer } from '../../src/app/options-page';

// Wiring only: the options page's data, actions and live refresh live in src/app/options-page.tsx.
render(<OptionsPageContainer env={browserPageEnvironment({ popup: false })} />, document.getElementById('app')!);
