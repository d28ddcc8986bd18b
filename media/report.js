// The certificate report's only script (loaded with the CSP nonce): file links and the revoke-list button ask
// the extension, which opens only files it listed and writes only where the user picks in a save dialog.
// @ts-check
(function () {
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const link = target ? target.closest('a.open') : null;
    if (link) {
      event.preventDefault();
      vscode.postMessage({ type: 'open', uri: link.getAttribute('data-uri') });
      return;
    }
    if (target && target.closest('#save-revoke')) vscode.postMessage({ type: 'saveRevokeList' });
  });
})();
