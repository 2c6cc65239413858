import { render } from 'preact';

function App() {
  return <main />;
}

render(<App />, document.getElementById('app')!);
