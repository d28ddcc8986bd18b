// The preview's only script (loaded with the CSP nonce): click-to-reveal for problems and payloads, and a
// report of what the DOM shows so the extension (and its integration test) can check what was rendered.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('a.reveal') : null;
    if (!target) return;
    event.preventDefault();
    vscode.postMessage({ type: 'reveal', line: Number(target.getAttribute('data-line')), character: Number(target.getAttribute('data-character')) });
  });
  const badges = Array.from(document.querySelectorAll('.card .badge')).map((b) => b.getAttribute('data-app'));
  const title = document.querySelector('h1');
  vscode.postMessage({
    type: 'rendered',
    version: Number(document.body.getAttribute('data-version')),
    badges,
    title: title ? title.textContent : null,
    images: document.querySelectorAll('img').length,
  });
})();
